/** The notebooks' kit in one import. @example import { openDataset, base, shareChart } from "../lib/present/kit"; */
export * from "./kit-data";
export * from "./kit-view";
export * from "./claim-text";
