/**
 * The offset map of a macro expansion: where every character of the expanded text came from.
 *
 * The expanded text is cut into segments. A segment is either verbatim original text (maps 1:1)
 * or text produced by one macro invocation (a *frame*), in which case it maps into that macro's
 * definition text — 1:1 for body text, or as a whole onto the `$arg$` reference for substituted
 * argument text. Frames form a tree: a frame's `callSpan` indexes its parent's definition text,
 * or the original text for an outermost call.
 *
 * Two properties keep queries O(log n + depth): segments are sorted and contiguous, and the
 * output of every frame is one contiguous run of the expanded text (nested frames inside it).
 * Hence the images of consecutive segments are monotone, both in the original text and in any
 * frame's definition, and a span's image is the hull of its first and last segment's images.
 */
import type { Span } from "../ir/span.js";
import type { Origin } from "../ir/span.js";
import type { Diagnostic } from "../ir/nodes.js";

/** One macro invocation of an expansion. */
export interface MacroFrame {
    /** Display name: the stanza name, `name(N)`, or `name` for N = 0. */
    macro: string;
    /** The bare name. */
    name: string;
    arity: number;
    /** Index of the invocation whose definition contains this call; -1 for a call in the original text. */
    parent: number;
    /** The call's span (backticks included) in the parent's definition text, or in the original text when `parent` is -1. */
    callSpan: Span;
    /** The span of the outermost call this one is nested in, in the original text. */
    span: Span;
    /** Index of the outermost invocation (itself when `parent` is -1). */
    root: number;
    /** 0 for an outermost call. */
    depth: number;
}

/** A run of expanded text with one source. */
export interface MapSegment {
    /** Expanded-text offsets, end exclusive. */
    start: number;
    end: number;
    /** -1: verbatim original text; otherwise the index in {@link ExpansionMap.frames} of the macro that produced it. */
    frame: number;
    /** Offsets in the original text (frame -1) or in the frame's definition text. */
    source: Span;
    /** True when the segment maps character by character; false when all of it maps onto `source` (a substituted argument). */
    exact: boolean;
}

/** Plain data: serialisable, and read with {@link mapSpan}. */
export interface ExpansionMap {
    originalLength: number;
    expandedLength: number;
    /** Sorted, contiguous, non-empty, covering `[0, expandedLength)`. */
    segments: MapSegment[];
    frames: MacroFrame[];
}

/** One level of the macro nesting at an offset, outermost first. */
export interface MappedFrame {
    macro: string;
    /** The call's span: in the original text for the first entry, in the previous entry's definition text for the others. */
    callSpan: Span;
}

/** Where one offset of the expanded text came from. */
export interface MappedOffset {
    /** The offset in the original text; for macro output, the start of the outermost call. */
    offset: number;
    /** The invocations that produced the character, outermost first; empty for verbatim text. */
    chain: MappedFrame[];
    /** For macro output: the innermost macro and the position (1 unit, or the whole `$arg$` reference) in its definition text. */
    macro: null | { name: string; definitionSpan: Span };
}

/** The map of a text that had no macro expanded. */
export function identityMap(length: number): ExpansionMap {
    return {
        originalLength: length,
        expandedLength: length,
        segments: length > 0 ? [{ start: 0, end: length, frame: -1, source: { start: 0, end: length }, exact: true }] : [],
        frames: [],
    };
}

/** Index of the segment containing `offset`; an offset at the very end gives the last segment. -1 when there are none. */
function segmentAt(map: ExpansionMap, offset: number): number {
    const segs = map.segments;
    let lo = 0;
    let hi = segs.length - 1;
    if (hi < 0) return -1;
    if (offset >= (segs[hi] as MapSegment).end) return hi;
    if (offset <= 0) return 0;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((segs[mid] as MapSegment).end <= offset) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

function frameAt(map: ExpansionMap, i: number): MacroFrame {
    return map.frames[i] as MacroFrame;
}

/** Frame indexes from the outermost to `f`. */
function chainOf(map: ExpansionMap, f: number): number[] {
    const out: number[] = [];
    for (let i = f; i >= 0; i = frameAt(map, i).parent) out.push(i);
    return out.reverse();
}

/** Where a position inside segment `seg` lies in the source coordinates of the segment. */
function pointInSource(seg: MapSegment, offset: number): Span {
    if (!seg.exact) return seg.source;
    const p = Math.min(seg.source.start + (offset - seg.start), seg.source.end);
    return { start: p, end: p };
}

/** Maps one offset of the expanded text. Offsets past the end are clamped. */
export function toOriginal(map: ExpansionMap, expandedOffset: number): MappedOffset {
    const i = segmentAt(map, expandedOffset);
    if (i < 0) return { offset: Math.min(Math.max(expandedOffset, 0), map.originalLength), chain: [], macro: null };
    const seg = map.segments[i] as MapSegment;
    const off = Math.min(Math.max(expandedOffset, seg.start), seg.end);
    if (seg.frame < 0) return { offset: seg.source.start + (off - seg.start), chain: [], macro: null };
    const chain = chainOf(map, seg.frame).map((f) => ({ macro: frameAt(map, f).macro, callSpan: { ...frameAt(map, f).callSpan } }));
    const inner = frameAt(map, seg.frame);
    let definitionSpan: Span;
    if (seg.exact) {
        const p = seg.source.start + (off - seg.start);
        definitionSpan = off < seg.end ? { start: p, end: p + 1 } : { start: p, end: p };
    } else definitionSpan = { ...seg.source };
    return { offset: inner.span.start, chain, macro: { name: inner.macro, definitionSpan } };
}

/** Image of the part of segment `seg` from `from` to `to` (expanded offsets) in the original text. */
function originalImage(map: ExpansionMap, seg: MapSegment, from: number, to: number): Span {
    if (seg.frame >= 0) return frameAt(map, seg.frame).span;
    return { start: seg.source.start + (from - seg.start), end: seg.source.start + (to - seg.start) };
}

/** Image of the part of segment `seg` from `from` to `to` in the definition text of frame `f`, an ancestor-or-self of the segment's frame. */
function definitionImage(map: ExpansionMap, seg: MapSegment, from: number, to: number, f: number): Span {
    if (seg.frame === f) {
        if (!seg.exact) return seg.source;
        return { start: seg.source.start + (from - seg.start), end: seg.source.start + (to - seg.start) };
    }
    let child = seg.frame;
    while (frameAt(map, child).parent !== f) child = frameAt(map, child).parent;
    return frameAt(map, child).callSpan;
}

/** The deepest frame that contains both frames (-1 when none). */
function commonFrame(map: ExpansionMap, a: number, b: number): number {
    if (a < 0 || b < 0) return -1;
    while (a !== b) {
        const fa = frameAt(map, a);
        const fb = frameAt(map, b);
        if (fa.depth >= fb.depth) a = fa.parent;
        else b = fb.parent;
        if (a < 0 || b < 0) return -1;
    }
    return a;
}

/** What {@link mapSpan} returns. */
export interface MappedSpan {
    /** The span in the original text. */
    span: Span;
    /** Set when the span lies entirely inside the output of one macro invocation: the innermost such macro and the span in its definition text. */
    origin?: Origin;
}

/**
 * Maps a span of the expanded text (e.g. a node's span) back to the original text.
 *
 * (a) Verbatim text maps 1:1; macro output maps to the span of the outermost call it came from;
 * a span covering several pieces maps to the hull of their images.
 * (b) When the span lies inside the output of one invocation, `origin` names the innermost such
 * macro and the span in its definition text (text of nested calls maps to the nested call's
 * span, substituted argument text to its `$arg$` reference). A zero-width span maps to a
 * position, except inside macro output where it maps to the whole outermost call.
 */
export function mapSpan(map: ExpansionMap, span: Span): MappedSpan {
    const s = Math.max(0, Math.min(span.start, map.expandedLength));
    const e = Math.max(s, Math.min(span.end, map.expandedLength));
    if (map.segments.length === 0) return { span: { start: s, end: s } };
    if (s === e) {
        // A position between a verbatim segment and macro output belongs to the verbatim side,
        // so that an insertion point right after a call does not swallow the call.
        let i = segmentAt(map, s);
        const here = map.segments[i] as MapSegment;
        const prev = map.segments[i - 1];
        if (here.frame >= 0 && s === here.start && prev !== undefined && prev.frame < 0) i--;
        const seg = map.segments[i] as MapSegment;
        if (seg.frame < 0) {
            const p = seg.source.start + (s - seg.start);
            return { span: { start: p, end: p } };
        }
        const f = frameAt(map, seg.frame);
        return { span: { ...f.span }, origin: { macro: f.name, arity: f.arity, span: pointInSource(seg, s) } };
    }
    const i = segmentAt(map, s);
    const j = segmentAt(map, e - 1);
    const first = map.segments[i] as MapSegment;
    const last = map.segments[j] as MapSegment;
    const a = originalImage(map, first, s, Math.min(e, first.end));
    const b = originalImage(map, last, Math.max(s, last.start), e);
    const result: MappedSpan = { span: { start: a.start, end: Math.max(a.end, b.end) } };
    const f = commonFrame(map, first.frame, last.frame);
    if (f >= 0) {
        const da = definitionImage(map, first, s, Math.min(e, first.end), f);
        const db = definitionImage(map, last, Math.max(s, last.start), e, f);
        result.origin = { macro: frameAt(map, f).name, arity: frameAt(map, f).arity, span: { start: da.start, end: Math.max(da.end, db.end) } };
    }
    return result;
}

/**
 * A diagnostic about the expanded text, re-expressed on the original text: its span is mapped
 * with {@link mapSpan}, and `origin` is set from the mapping unless the diagnostic has one.
 * Related spans are mapped too. The input is not modified.
 */
export function mapDiagnostic(map: ExpansionMap, d: Diagnostic): Diagnostic {
    const m = mapSpan(map, d.span);
    const out: Diagnostic = { ...d, span: m.span };
    if (d.origin === undefined && m.origin !== undefined) out.origin = m.origin;
    if (d.related !== undefined) out.related = d.related.map((r) => ({ ...r, span: mapSpan(map, r.span).span }));
    return out;
}
