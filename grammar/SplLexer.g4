// Lexer of classic SPL (Splunk Search Processing Language).
//
// Two modes: the default mode lexes search expressions and command arguments, where words are
// full of punctuation (`C:\Windows\*`, `10.0.0.0/8`, `-24h@h`); the EVAL mode lexes eval/where
// expressions, where `+ - * / % .` are operators. SPL picks the mode by context (the command a
// word belongs to), which a context-free lexer cannot see, so src/parser/modal-lexer.ts switches
// modes and assigns the contextual token types declared in `tokens {}` below. The comments on
// each rule say which SPL fact it encodes; see grammar/README.md for the whole picture.

lexer grammar SplLexer;

options {
    caseInsensitive = false;
}

// Contextual token types, assigned by the modal lexer rather than by a rule:
//   CMD_SEARCH, CMD_WHERE, CMD_EVAL, CMD_STATS, CMD_NAME  the word in command position
//   EVAL_CALL                                           `eval` directly followed by `(`
//   CALL_LPAREN                                         `(` directly after a word: `ctime(x)`
tokens {
    CMD_SEARCH,
    CMD_WHERE,
    CMD_EVAL,
    CMD_STATS,
    CMD_NAME,
    EVAL_CALL,
    CALL_LPAREN
}

// ``` comments ``` may stand anywhere; Splunk replaces each with a space.
COMMENT              : '```' .*? '```' -> channel(HIDDEN);
UNTERMINATED_COMMENT : '```' (~'`' | '`' ~'`' | '``' ~'`')* ('`' | '``')? EOF;

WS : [ \t\r\n\f]+ -> channel(HIDDEN);

PIPE     : '|';
LBRACKET : '[';
RBRACKET : ']';
LPAREN   : '(';
RPAREN   : ')';
COMMA    : ',';

EQEQ : '==';
NEQ  : '!=';
LE   : '<=';
GE   : '>=';
EQ   : '=';
LT   : '<';
GT   : '>';

// Directives of the search language: upper case and glued to their parenthesis.
TERM_OPEN   : 'TERM(';
CASE_OPEN   : 'CASE(';
PREFIX_OPEN : 'PREFIX('; // tstats: match indexed terms by prefix

// Boolean operators of the search language are upper case only; `and` is a search term.
AND : 'AND';
OR  : 'OR';
NOT : 'NOT';
IN  : 'IN';

// Clause keywords are case-insensitive (`by`/`BY`). In a search command they are plain words;
// the modal lexer retypes them there.
AS        : [aA] [sS];
BY        : [bB] [yY];
OVER      : [oO] [vV] [eE] [rR];
OUTPUT    : [oO] [uU] [tT] [pP] [uU] [tT];
OUTPUTNEW : [oO] [uU] [tT] [pP] [uU] [tT] [nN] [eE] [wW];
WITH      : [wW] [iI] [tT] [hH];
WHERE     : [wW] [hH] [eE] [rR] [eE];
GROUPBY   : [gG] [rR] [oO] [uU] [pP] [bB] [yY];
FROM      : [fF] [rR] [oO] [mM];

// `name` or `name(arg, "a, b", k=v)`: one token; src/parser/macro-call.ts splits the inside.
MACRO              : '`' ~'`'+ '`';
UNTERMINATED_MACRO : '`' ~'`'* EOF;

// "..." with backslash escapes; newlines allowed inside.
QUOTED              : '"' (~["\\] | '\\' .)* '"';
UNTERMINATED_STRING : '"' (~["\\] | '\\' .)* '\\'? EOF;

// foreach templates: <<FIELD>>, <<MATCHSTR>>, <<ITEM>>, ...
TEMPLATE : '<<' [A-Za-z0-9_]+ '>>';

// A word: anything up to white space or a character with a meaning of its own. A backslash
// escapes the next character (`\"`, `\|`, `\(`); `!` belongs to a word unless it starts `!=`.
// A dashboard token with a filter (`$tok|s$`, `$tok|h$`) is one piece of a word: its `|` is
// no pipe (reference §1.9).
WORD : (WORD_CHAR | '\\' . | '!' WORD_CHAR | TEMPLATE_PART | FILTERED_TOKEN)+;

fragment WORD_CHAR      : ~[ \t\r\n\f|"`()[\],=!<>\\];
fragment TEMPLATE_PART  : '<<' [A-Za-z0-9_]+ '>>';
fragment TOKEN_NAME     : [A-Za-z0-9_.:{}@-]+;
fragment FILTERED_TOKEN : '$' TOKEN_NAME '|' [A-Za-z]+ '$';

// Anything else (a lone `!`, a trailing backslash) is an error the parser reports.
ERROR_CHAR : .;

// ---------------------------------------------------------------------------------------------
mode EVAL;

E_COMMENT              : '```' .*? '```' -> channel(HIDDEN), type(COMMENT);
E_UNTERMINATED_COMMENT : '```' (~'`' | '`' ~'`' | '``' ~'`')* ('`' | '``')? EOF -> type(UNTERMINATED_COMMENT);
E_WS                   : [ \t\r\n\f]+ -> channel(HIDDEN), type(WS);

E_PIPE     : '|' -> type(PIPE);
E_LBRACKET : '[' -> type(LBRACKET);
E_RBRACKET : ']' -> type(RBRACKET);
E_LPAREN   : '(' -> type(LPAREN);
E_RPAREN   : ')' -> type(RPAREN);
E_COMMA    : ',' -> type(COMMA);

E_EQEQ : '==' -> type(EQEQ);
E_NEQ  : '!=' -> type(NEQ);
E_LE   : '<=' -> type(LE);
E_GE   : '>=' -> type(GE);
E_EQ   : '='  -> type(EQ);
E_LT   : '<'  -> type(LT);
E_GT   : '>'  -> type(GT);
BANG   : '!';

PLUS    : '+';
MINUS   : '-';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
DOT     : '.';

// Logical operators of eval/where are case-insensitive (`and`, `not`, `like` occur in content).
E_AND : [aA] [nN] [dD] -> type(AND);
E_OR  : [oO] [rR] -> type(OR);
E_NOT : [nN] [oO] [tT] -> type(NOT);
E_IN  : [iI] [nN] -> type(IN);
XOR   : [xX] [oO] [rR];
LIKE  : [lL] [iI] [kK] [eE];

E_MACRO              : '`' ~'`'+ '`' -> type(MACRO);
E_UNTERMINATED_MACRO : '`' ~'`'* EOF -> type(UNTERMINATED_MACRO);

E_QUOTED              : '"' (~["\\] | '\\' .)* '"' -> type(QUOTED);
E_UNTERMINATED_STRING : '"' (~["\\] | '\\' .)* '\\'? EOF -> type(UNTERMINATED_STRING);

// 'single quotes' name a field.
SQFIELD              : '\'' (~['\\] | '\\' .)* '\'';
UNTERMINATED_SQFIELD : '\'' (~['\\] | '\\' .)* '\\'? EOF;

E_TEMPLATE  : '<<' [A-Za-z0-9_]+ '>>' -> type(TEMPLATE);
// `$tok$` or `$tok|s$` (a dashboard token with a filter; the `|` is no pipe).
PLACEHOLDER : '$' TOKEN_NAME ('|' [A-Za-z]+)? '$';

NUMBER : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT?;

fragment DIGITS   : [0-9]+;
fragment EXPONENT : [eE] [+-]? DIGITS;

// A field name. A dot glued between name characters belongs to the name
// (`userIdentity.userName`); a spaced dot is concatenation. `{}` for JSON paths and
// dynamic names (`{aName}`).
// foreach templates may be glued to a name (`new_<<MATCHSTR>>`), and `#field#` is foreach's
// fieldstr convention.
IDENT : NAME_PART+ ('.' NAME_PART+)*;

fragment NAME_PART  : NAME_START NAME_CHAR* | TEMPLATE_PART;
fragment NAME_START : [A-Za-z_@{}#];
fragment NAME_CHAR  : [A-Za-z0-9_@{}:#];

E_ERROR_CHAR : . -> type(ERROR_CHAR);
