/**
 * Build-time transforms of the bundled antlr4ng runtime, applied by tsup.config.ts (README,
 * "Performance", says what each one measured). Each keeps the runtime's behaviour; the build
 * fails when one no longer finds what it changes, so a runtime upgrade cannot drop one silently.
 *
 * 1. {@link lowerClassFields}: public instance class fields (`start = null;`, `parent;`) become
 *    assignments at the top of the constructor (after `super(...)` in a derived class). Private
 *    fields (`#x`), static fields and methods stay as they are.
 *
 *    Why: on Node 20's V8 the field initialiser of a base class that many subclasses construct
 *    through (ParserRuleContext and the parser's 100+ context classes) falls off the fast path
 *    and costs about ten times as much as the same assignments in the constructor.
 *
 *    Semantics kept: every field is still created as an own property (a field without
 *    initialiser becomes `this.x = void 0`), in declaration order, before the rest of the
 *    constructor runs. Two differences are accepted and checked for: assignment instead of
 *    definition (only visible with a setter of the same name up the prototype chain, which the
 *    transform refuses), and private-field initialisers now running before the public ones
 *    (refused when an initialiser mentions `this.#`). A class whose initialisers could change
 *    meaning when moved (a name also bound in the constructor, or `arguments`) is left unchanged.
 * 2. {@link unwrapFunctionNames}: no `Object.defineProperty(fn, "name")` on closures.
 * 3. {@link lazyMergeCache}: the prediction's merge cache is made when first written.
 * 4. {@link lazyXPathDfa}: the XPath lexer's DFA list is made when first used.
 */
import ts from "typescript";

/** What {@link lowerClassFields} did. */
export interface LoweringReport {
    code: string;
    /** Classes whose fields were moved into the constructor. */
    lowered: string[];
    /** Classes with public fields that were left alone, with the reason. */
    skipped: { name: string; reason: string }[];
}

interface Edit {
    start: number;
    end: number;
    text: string;
}

function identifiersIn(node: ts.Node, out: Set<string>): void {
    if (ts.isIdentifier(node)) out.add(node.text);
    node.forEachChild((c) => identifiersIn(c, out));
}

function boundNames(name: ts.BindingName, out: Set<string>): void {
    if (ts.isIdentifier(name)) {
        out.add(name.text);
        return;
    }
    for (const e of name.elements) if (!ts.isOmittedExpression(e)) boundNames(e.name, out);
}

function declaredInBody(body: ts.Block): Set<string> {
    const out = new Set<string>();
    const visit = (n: ts.Node): void => {
        if (ts.isVariableDeclaration(n) || ts.isParameter(n)) boundNames(n.name, out);
        else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) out.add(n.name.text);
        n.forEachChild(visit);
    };
    visit(body);
    return out;
}

function mentionsPrivateThis(node: ts.Node): boolean {
    if (ts.isPropertyAccessExpression(node) && ts.isPrivateIdentifier(node.name)) return true;
    return node.forEachChild(mentionsPrivateThis) ?? false;
}

function mentionsThis(node: ts.Node): boolean {
    if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
    return node.forEachChild(mentionsThis) ?? false;
}

function containsClass(node: ts.Node): boolean {
    if (ts.isClassExpression(node)) return true;
    return node.forEachChild(containsClass) ?? false;
}

function isSuperCallStatement(s: ts.Statement): boolean {
    return ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
}

function hasAccessor(cls: ts.ClassLikeDeclaration, names: Set<string>): boolean {
    return cls.members.some((m) => (ts.isSetAccessorDeclaration(m) || ts.isGetAccessorDeclaration(m)) && ts.isIdentifier(m.name) && names.has(m.name.text));
}

function classNames(cls: ts.ClassLikeDeclaration): string[] {
    const names: string[] = [];
    if (cls.name) names.push(cls.name.text);
    // `var ParserRuleContext = class _ParserRuleContext ...`
    if (ts.isClassExpression(cls) && ts.isVariableDeclaration(cls.parent) && ts.isIdentifier(cls.parent.name)) names.push(cls.parent.name.text);
    return names;
}

/**
 * The classes of one file related by `extends Name` (ancestors and descendants, with the class
 * itself). A base outside the file is unknown; the bundled runtime's own accessors are all here.
 */
function classHierarchy(file: ts.SourceFile): { related(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] } {
    const byName = new Map<string, ts.ClassLikeDeclaration>();
    const classes: ts.ClassLikeDeclaration[] = [];
    const collect = (n: ts.Node): void => {
        if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
            classes.push(n);
            for (const name of classNames(n)) byName.set(name, n);
        }
        n.forEachChild(collect);
    };
    collect(file);
    const parentOf = (c: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined => {
        const ext = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        return ext && ts.isIdentifier(ext) ? byName.get(ext.text) : undefined;
    };
    const ancestors = (c: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] => {
        const out: ts.ClassLikeDeclaration[] = [];
        for (let p = parentOf(c); p && !out.includes(p); p = parentOf(p)) out.push(p);
        return out;
    };
    return {
        related(cls) {
            return [cls, ...ancestors(cls), ...classes.filter((c) => c !== cls && ancestors(c).includes(cls))];
        },
    };
}

/**
 * Moves public instance field initialisers of the classes in `code` (plain JavaScript) into
 * constructors: of every class, or of the classes named in `only`.
 */
export function lowerClassFields(code: string, fileName = "input.js", only?: ReadonlySet<string>): LoweringReport {
    const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const edits: Edit[] = [];
    const lowered: string[] = [];
    const skipped: { name: string; reason: string }[] = [];
    const hierarchy = classHierarchy(file);
    const visitClass = (cls: ts.ClassLikeDeclaration): void => {
        const name = classNames(cls).pop() ?? "(anonymous)";
        if (only && !classNames(cls).some((n) => only.has(n))) return;
        const fields = cls.members.filter(
            (m): m is ts.PropertyDeclaration & { name: ts.Identifier | ts.StringLiteral } =>
                ts.isPropertyDeclaration(m) && !m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)),
        );
        if (fields.length === 0) return;
        const fieldNames = new Set(fields.map((f) => f.name.text));
        const skip = (reason: string): void => void skipped.push({ name, reason });
        // An accessor of a field's name on an ancestor or a descendant (in this file) would
        // receive the assignment that a field definition bypasses.
        if (hierarchy.related(cls).some((c) => hasAccessor(c, fieldNames))) return skip("a field shares its name with an accessor of a related class");
        if (fields.some((f) => f.initializer && mentionsPrivateThis(f.initializer))) return skip("an initialiser reads a private field");
        if (fields.some((f) => f.initializer && containsClass(f.initializer))) return skip("an initialiser holds a class");
        // Private fields now initialise before the public ones: refuse when one could observe that.
        const privateInits = cls.members.filter((m) => ts.isPropertyDeclaration(m) && ts.isPrivateIdentifier(m.name) && m.initializer && mentionsThis(m.initializer));
        if (privateInits.length > 0) return skip("a private field's initialiser mentions this");
        const used = new Set<string>();
        for (const f of fields) if (f.initializer) identifiersIn(f.initializer, used);
        if (used.has("arguments")) return skip("an initialiser mentions arguments");
        const derived = cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
        const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);

        const indent = "    ";
        const assignments = fields
            .map((f) => `${indent}this${ts.isIdentifier(f.name) ? `.${f.name.text}` : `[${JSON.stringify(f.name.text)}]`} = ${f.initializer ? f.initializer.getText(file) : "void 0"};`)
            .join("\n");

        if (ctor?.body) {
            const local = declaredInBody(ctor.body);
            for (const p of ctor.parameters) boundNames(p.name, local);
            const clash = [...used].find((n) => local.has(n));
            if (clash) return skip(`an initialiser mentions ${clash}, which the constructor also binds`);
            let at: number;
            if (derived) {
                const superCall = ctor.body.statements.find(isSuperCallStatement);
                if (!superCall) return skip("super(...) is not a statement of the constructor body");
                at = superCall.getEnd();
            } else {
                at = ctor.body.getStart(file) + 1;
            }
            edits.push({ start: at, end: at, text: `\n${assignments}\n` });
        } else {
            const firstMember = cls.members[0];
            if (!firstMember) return;
            const text = derived ? `constructor(...args) {\n${indent}super(...args);\n${assignments}\n  }\n  ` : `constructor() {\n${assignments}\n  }\n  `;
            const at = firstMember.getStart(file);
            edits.push({ start: at, end: at, text });
        }
        for (const f of fields) edits.push({ start: f.getStart(file), end: f.getEnd(), text: "" });
        lowered.push(name);
    };

    const visit = (n: ts.Node): void => {
        if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) visitClass(n);
        n.forEachChild(visit);
    };
    visit(file);

    edits.sort((a, b) => b.start - a.start || b.end - a.end);
    let out = code;
    for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return { code: out, lowered, skipped };
}

/**
 * Unwraps esbuild's `__name(fn, "name")` around function and arrow expressions in `code`,
 * leaving the bare function (`static { __name(this, "X") }` on classes stays).
 *
 * Why: antlr4ng's dist names every arrow function with `Object.defineProperty(fn, "name", …)`,
 * and many of those arrows are created per object or per call (class-field arrows, iterator
 * `next`), several per parse. Each definition turns a fresh function into a dictionary-mode
 * object: a V8 map log of six corpus passes counted about 9,000 such normalisations, none
 * after this transform. The only thing lost is the `name` of those functions, which antlr4ng
 * never reads.
 */
export function unwrapFunctionNames(code: string, fileName = "input.js"): { code: string; unwrapped: number } {
    const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const edits: Edit[] = [];
    const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "__name" && n.arguments.length === 2) {
            const [fn] = n.arguments;
            if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
                edits.push({ start: n.getStart(file), end: fn.getStart(file), text: "" });
                edits.push({ start: fn.getEnd(), end: n.getEnd(), text: "" });
            }
        }
        n.forEachChild(visit);
    };
    visit(file);
    edits.sort((a, b) => b.start - a.start);
    let out = code;
    for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return { code: out, unwrapped: edits.length / 2 };
}

/** The runtime's DoubleDict, as antlr4ng 3 ships it, and the same class with its map made on first write. */
const DOUBLE_DICT = {
    eager: `  constructor() {
    this.cacheMap = new HashMap();
  }
  get(a, b) {
    const d = this.cacheMap.get(a) ?? null;
    return d === null ? null : d.get(b) ?? null;
  }
  set(a, b, o) {
    let d = this.cacheMap.get(a);`,
    lazy: `  constructor() {
    this.cacheMap = null;
  }
  get(a, b) {
    const d = this.cacheMap?.get(a) ?? null;
    return d === null ? null : d.get(b) ?? null;
  }
  set(a, b, o) {
    this.cacheMap ??= new HashMap();
    let d = this.cacheMap.get(a);`,
};

/**
 * Makes the map of antlr4ng's `DoubleDict` on its first `set` instead of in its constructor.
 *
 * Why: `ParserATNSimulator.adaptivePredict` replaces its merge cache with a new `DoubleDict` after
 * every prediction, so each decision the parser makes allocated a HashMap, a HashSet, a comparer
 * and a 16-slot bucket array; the cache is written only while a new DFA state is computed,
 * which a warm parser rarely does. An allocation profile of parse and analyze over the corpus
 * put `adaptivePredict` first, at 12% of all bytes allocated; warm parse became about 7% faster.
 * `get` on a cache never written finds nothing, as it did on an empty map.
 */
export function lazyMergeCache(code: string): string {
    return replaceOnce(code, DOUBLE_DICT, "lazyMergeCache: the runtime's DoubleDict is not the expected one");
}

/** `code` with the one occurrence of `eager` replaced by `lazy`; `refusal` is thrown when there is not exactly one. */
function replaceOnce(code: string, { eager, lazy }: { eager: string; lazy: string }, refusal: string): string {
    const at = code.indexOf(eager);
    if (at < 0 || code.indexOf(eager, at + 1) >= 0) throw new Error(refusal);
    return code.slice(0, at) + lazy + code.slice(at + eager.length);
}

/** The XPath lexer's DFA list as antlr4ng 3 ships it: a static field, and the same list behind a getter that makes it once. */
const XPATH_DFA = {
    eager: `  static decisionsToDFA = _XPathLexer._ATN.decisionToState.map((ds, index) => {
    return new DFA(ds, index);
  });`,
    lazy: `  static #decisionsToDFA = null;
  static get decisionsToDFA() {
    return _XPathLexer.#decisionsToDFA ??= _XPathLexer._ATN.decisionToState.map((ds, index) => {
      return new DFA(ds, index);
    });
  }`,
};

/**
 * Makes the DFA list of antlr4ng's `XPathLexer` on first use instead of when the runtime loads.
 *
 * Why: the static field reads `_ATN`, so loading the runtime deserialised the XPath lexer's ATN,
 * which splc never uses, in every process and in every worker thread: 15 ms of a cold start in a
 * CPU profile of `splc analyze`, 40 ms in its analysis thread. Code that does use XPath gets
 * the same list on every access, as before.
 */
export function lazyXPathDfa(code: string): string {
    return replaceOnce(code, XPATH_DFA, "lazyXPathDfa: the runtime's XPathLexer is not the expected one");
}
