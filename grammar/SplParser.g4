// Parser of classic SPL. Precedence of the two expression languages differs on purpose:
//   search: parentheses, NOT, OR, AND (implicit or explicit)  => `a OR b c` is (a OR b) AND c
//   eval:   parentheses, unary, * / %, + - ., comparisons, NOT, AND, OR, XOR
// The grammar has no real ambiguity: test/parser/ambiguity.test.ts parses the corpus and counts
// full-context predictions.

parser grammar SplParser;

options {
    tokenVocab = SplLexer;
}

query
    : pipeline EOF
    ;

// Entry points for fragments: one search expression, one eval expression.
searchExpression
    : searchExpr? EOF
    ;

evalExpression
    : evalExpr EOF
    ;

// The first stage is either a command (`search ...`, or inside brackets a command such as
// `eval` for foreach templates) or the implicit search. Empty stages are kept so that
// `a | | b` reports "missing command" instead of failing the pipeline.
pipeline
    : firstStage? (PIPE command?)*
    ;

// A leading macro belongs to the implicit search (`\`sysmon\` EventCode=1`), so a macro stage
// exists only after a pipe.
firstStage
    : searchCommand
    | whereCommand
    | evalCommand
    | statsCommand
    | genericCommand
    | searchExpr
    ;

command
    : searchCommand
    | whereCommand
    | evalCommand
    | statsCommand
    | macroStage
    | genericCommand
    ;

searchCommand
    : CMD_SEARCH searchExpr?
    ;

// A macro whose body starts with `|` may be glued after a command's last argument, without a
// pipe (reference §1.8): `where x>0\`hec_collect\``. Textual expansion makes that valid.
whereCommand
    : CMD_WHERE evalExpr? gluedMacro*
    ;

gluedMacro
    : MACRO
    ;

evalCommand
    : CMD_EVAL evalAssignment (COMMA evalAssignment)* gluedMacro*
    ;

evalAssignment
    : evalTarget EQ evalExpr
    ;

// The target is a field name up to the `=`; Splunk accepts names such as `feature_-value`
// there, so glued `-`, `.` and digits belong to it.
evalTarget
    : SQFIELD
    | QUOTED
    | (IDENT | TEMPLATE | PLACEHOLDER | NUMBER | MINUS | DOT)+
    ;

// stats, eventstats, streamstats, chart, timechart, tstats, mstats and the si* variants share
// one argument language; the lowering knows which clause each command accepts.
// The BY and WHERE clauses come after the aggregations: a BY list may hold options
// (`by _time span=1h host`), and a WHERE clause (search syntax) runs up to a BY.
statsCommand
    : CMD_STATS statsArg* (statsWhere | statsBy)*
    ;

statsWhere
    : WHERE searchExpr?
    ;

statsBy
    : (BY | GROUPBY) byItem*
    ;

// A macro in a BY list stands for fields (`groupby \`session\``) or is glued after the last one.
byItem
    : option
    | MACRO
    | fieldName
    | directive
    | OVER fieldName
    | COMMA
    ;

statsArg
    : option
    | aggregation
    | OVER fieldName
    | FROM fromSpec
    | MACRO
    | COMMA
    ;

// `values(x), AS y`: Splunk reads the comma as a separator, so the AS still names the
// aggregation before it (the lowering warns).
aggregation
    : aggCall (COMMA? AS fieldName)?
    ;

// `LPAREN ...` is an aggregation without a function name: parsed so that the lowering can say so.
aggCall
    : EVAL_CALL CALL_LPAREN evalExpr RPAREN
    | WORD CALL_LPAREN (aggArg (COMMA aggArg)*)? RPAREN
    | WORD
    | LPAREN (aggArg (COMMA aggArg)*)? RPAREN
    ;

aggArg
    : EVAL_CALL CALL_LPAREN evalExpr RPAREN
    | directive
    | WORD CALL_LPAREN (aggArg (COMMA aggArg)*)? RPAREN
    | WORD
    | QUOTED
    | MACRO
    | TEMPLATE
    ;

fromSpec
    : option
    | WORD
    | QUOTED
    | MACRO
    ;

// A field name; `count(x)` is the default name of an aggregation.
fieldName
    : WORD (CALL_LPAREN rawBody* RPAREN)?
    | QUOTED
    | TEMPLATE
    ;

// A macro standing as a whole stage: ``| `drop_dm_object_name(Processes)` ``.
macroStage
    : MACRO genericArg* whereClause?
    ;

// Every other command: options, words, strings, keyword clauses, calls, groups, subsearches.
genericCommand
    : CMD_NAME genericArg* whereClause?
    ;

// A WHERE clause in search syntax (inputlookup, tstats-like app commands) runs to the end of
// the command.
whereClause
    : WHERE searchExpr?
    ;

genericArg
    : option
    | WORD CALL_LPAREN genericArg* RPAREN
    | EVAL_CALL CALL_LPAREN evalExpr RPAREN
    | LPAREN genericArg* RPAREN
    | keyword
    | WORD
    | QUOTED
    | TEMPLATE
    | MACRO
    | directive
    | subsearch
    | COMMA
    | (NEQ | LT | LE | GT | GE | EQEQ)
    ;

option
    : optionName EQ optionValue
    ;

optionName
    : WORD
    | keyword
    ;

optionValue
    : EVAL_CALL CALL_LPAREN evalExpr RPAREN
    | WORD CALL_LPAREN genericArg* RPAREN
    | LPAREN genericArg* RPAREN
    | WORD
    | QUOTED
    | MACRO
    | TEMPLATE
    | keyword
    | subsearch
    ;

keyword
    : AS
    | BY
    | OVER
    | OUTPUT
    | OUTPUTNEW
    | WITH
    | GROUPBY
    | FROM
    | IN
    | AND
    | OR
    | NOT
    ;

// ---------------------------------------------------------------------------------------------
// Search expressions. OR binds tighter than AND; NOT takes the next operand only.

searchExpr
    : searchOr (AND? searchOr)*
    ;

searchOr
    : searchNot (OR searchNot)*
    ;

searchNot
    : NOT searchNot
    | searchPrimary
    ;

searchPrimary
    : LPAREN searchExpr? RPAREN                                  # searchGroup
    | fieldName compareOp (searchValue | subsearch)              # searchCompare
    | fieldName IN LPAREN (searchValue | COMMA)* RPAREN           # searchIn
    | fieldName IN inList                                        # searchInRef
    | directive                                                 # searchDirective
    | subsearch                                                 # searchSubsearch
    | MACRO                                                     # searchMacro
    | termValue                                                 # searchTerm
    | COMMA                                                     # searchComma
    ;

compareOp
    : EQ
    | EQEQ
    | NEQ
    | LT
    | LE
    | GT
    | GE
    ;

// A macro or a dashboard token standing for a whole IN list (`os IN \`linux_os\``,
// `user IN $users$`); the lowering rejects a word that is no `$token$`.
inList
    : MACRO
    | WORD
    ;

// The right side of a comparison or an IN list member.
searchValue
    : WORD CALL_LPAREN rawBody* RPAREN
    | WORD
    | QUOTED
    | MACRO
    | TEMPLATE
    | directive
    ;

// A term matched against the raw event. Not a macro (that is `searchMacro`), not a keyword.
termValue
    : WORD CALL_LPAREN rawBody* RPAREN
    | WORD
    | QUOTED
    | TEMPLATE
    ;

// TERM(...) and CASE(...): the text up to the matching parenthesis, nested pairs included.
directive
    : (TERM_OPEN | CASE_OPEN | PREFIX_OPEN) rawBody* RPAREN
    ;

rawBody
    : (LPAREN | CALL_LPAREN | TERM_OPEN | CASE_OPEN | PREFIX_OPEN) rawBody* RPAREN
    | ~(LPAREN | CALL_LPAREN | TERM_OPEN | CASE_OPEN | PREFIX_OPEN | RPAREN | PIPE | LBRACKET | RBRACKET | EOF)
    ;

subsearch
    : LBRACKET pipeline RBRACKET
    ;

// ---------------------------------------------------------------------------------------------
// eval / where expressions, as one left-recursive rule: alternatives listed first bind
// tighter. Unary minus, then * / %, then + - ., comparisons and IN, NOT, AND, OR, XOR.

evalExpr
    : (MINUS | PLUS) evalExpr                                       # evalUnary
    | evalExpr (STAR | SLASH | PERCENT) evalExpr                    # evalBinary
    | evalExpr (PLUS | MINUS | DOT) evalExpr                        # evalBinary
    | evalExpr (EQ | EQEQ | NEQ | LT | LE | GT | GE | LIKE) evalExpr # evalBinary
    | evalExpr IN LPAREN evalArgs? RPAREN                           # evalIn
    | (NOT | BANG) evalExpr                                         # evalUnary
    | evalExpr AND evalExpr                                         # evalBinary
    | evalExpr OR evalExpr                                          # evalBinary
    | evalExpr XOR evalExpr                                         # evalBinary
    | evalPrimary                                                   # evalAtom
    ;

evalPrimary
    : LPAREN evalExpr RPAREN                                        # evalGroup
    | (IDENT | IN | LIKE) LPAREN evalArgs? RPAREN                   # evalCall
    | IDENT                                                         # evalField
    | SQFIELD                                                       # evalQuotedField
    | NUMBER                                                        # evalNumber
    | QUOTED                                                        # evalString
    | PLACEHOLDER                                                   # evalPlaceholder
    | TEMPLATE                                                      # evalTemplate
    | MACRO                                                         # evalMacro
    | subsearch                                                     # evalSubsearch
    ;

evalArgs
    : evalExpr (COMMA evalExpr)*
    ;
