/**
 * The escaping function every printer uses. It lives in components/shared/text so that config validation
 * (infra/config) quotes values by the same rule; this module is where the CLI imports it from.
 */
export { escapeText, MAX_SHOWN_LENGTH, safeLine, showValue, type EscapeOptions } from "../../components/shared/text/escape";
