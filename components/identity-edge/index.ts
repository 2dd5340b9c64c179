export * from "./identity-edge";
export * from "./registrations";
