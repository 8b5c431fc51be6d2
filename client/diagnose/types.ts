/** Shapes shared by the diagnose script builders. */

/** An outbound transport of master.cf, as the language server reports it. */
export interface Transport {
  /** master.cf service name (`relay`), validated as a plain word. */
  name: string;
  /** master.cf service type (`unix`). */
  type: string;
  /** Command base name (`smtp`, `lmtp`): which `smtp_*`/`lmtp_*` parameters it reads. */
  program: string;
}

/** A receiver that caps the sessions it accepts from us (`# @receiver`). */
export interface Receiver {
  name: string;
  maxConnections: number;
  /** Transports whose sessions reach this receiver. */
  transports: string[];
}

/** A value that was refused, and why (shown to the user, never put in a script). */
export interface Rejection {
  input: string;
  value: string;
  reason: string;
}

/** Where a script runs: the extension's machine, or a host reached with ssh. */
export type Target = { kind: 'local' } | { kind: 'ssh'; host: string };

/** Validated inputs: every field is safe to place in a script through `shQuote`. */
export interface DiagnoseInputs {
  target: Target;
  /** `-c DIR` for postconf, postqueue, qshape and postfix; undefined = Postfix's default. */
  configDirectory: string | undefined;
  /** Prefix the commands that need root with sudo. */
  sudo: boolean;
  transports: Transport[];
  receivers: Receiver[];
  /** TCP ports whose established sessions count as SMTP (25, 465, 587). */
  ports: number[];
  /** The main.cf/master.cf the transports and receivers were read from (an absolute path on the editor's machine). */
  editedFile?: string;
}
