/** Config messages quote values by the printers' rule: JSON, control characters visible, long values cut with their length. */
export { showValue } from "../../components/shared/text/escape";
