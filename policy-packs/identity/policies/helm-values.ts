import { record, text, type Props } from "./props";

/** The Helm release of Kong's official chart (`kong`, repository https://charts.konghq.com). */
export function isKongRelease(props: Props): boolean {
  const chart = text(props["chart"]) ?? "";
  return chart === "kong" || chart.endsWith("/kong");
}

export function helmValues(props: Props): Props {
  return record(props["values"]) ?? {};
}
