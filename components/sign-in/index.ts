export * from "./derive";
export * from "./registrations";
