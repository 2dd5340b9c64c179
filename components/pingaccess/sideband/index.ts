export * from "./pingaccess-sideband";
