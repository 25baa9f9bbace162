/**
 * Colour for the text report: on when standard output is a terminal, off when `NO_COLOR` is set
 * (non-empty), forced on by `FORCE_COLOR` (any value but `0` or `false`), which wins.
 */

/** Whether to colour output written to `stream`. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== "") return force !== "0" && force !== "false";
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
    return stream.isTTY === true;
}

const SGR = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

/** Wraps text in an SGR colour when `on`. */
export function paint(on: boolean, color: keyof typeof SGR, text: string): string {
    return on ? `\u001b[${SGR[color]}m${text}\u001b[0m` : text;
}

/** Colours the `CODE severity:` part of a rendered diagnostic's first line. */
export function paintDiagnostic(on: boolean, rendered: string): string {
    if (!on) return rendered;
    return rendered.replace(/ (SPL\d{4}) (error|warning|info):/, (_m, code: string, sev: string) => {
        const color = sev === "error" ? "red" : sev === "warning" ? "yellow" : "cyan";
        return ` ${paint(true, "dim", code)} ${paint(true, color, sev)}:`;
    });
}
