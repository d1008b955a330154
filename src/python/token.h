/* token.h - the tokens of Python 3.13 as the lexer hands them to the parser.
 * Kinds mirror CPython's token module (Lib/token.py) so that a token dump can
 * be compared with `python3 -m tokenize`. Tokens own no text: they carry byte
 * offsets into the lexer's decoded UTF-8 source plus CPython's positions. */
#ifndef KRAIT_TOKEN_H
#define KRAIT_TOKEN_H

#include <stdint.h>

/* X(kind, tokenize name, spelling-or-NULL). Operators carry their spelling;
 * tokenize reports them all as OP with an exact type. */
#define TOKEN_KINDS(X) \
    X(TK_ENDMARKER, "ENDMARKER", NULL) \
    X(TK_NAME, "NAME", NULL) \
    X(TK_NUMBER, "NUMBER", NULL) \
    X(TK_STRING, "STRING", NULL) \
    X(TK_NEWLINE, "NEWLINE", NULL) \
    X(TK_INDENT, "INDENT", NULL) \
    X(TK_DEDENT, "DEDENT", NULL) \
    X(TK_FSTRING_START, "FSTRING_START", NULL) \
    X(TK_FSTRING_MIDDLE, "FSTRING_MIDDLE", NULL) \
    X(TK_FSTRING_END, "FSTRING_END", NULL) \
    X(TK_COMMENT, "COMMENT", NULL) \
    X(TK_NL, "NL", NULL) \
    X(TK_LPAR, "LPAR", "(") \
    X(TK_RPAR, "RPAR", ")") \
    X(TK_LSQB, "LSQB", "[") \
    X(TK_RSQB, "RSQB", "]") \
    X(TK_COLON, "COLON", ":") \
    X(TK_COMMA, "COMMA", ",") \
    X(TK_SEMI, "SEMI", ";") \
    X(TK_PLUS, "PLUS", "+") \
    X(TK_MINUS, "MINUS", "-") \
    X(TK_STAR, "STAR", "*") \
    X(TK_SLASH, "SLASH", "/") \
    X(TK_VBAR, "VBAR", "|") \
    X(TK_AMPER, "AMPER", "&") \
    X(TK_LESS, "LESS", "<") \
    X(TK_GREATER, "GREATER", ">") \
    X(TK_EQUAL, "EQUAL", "=") \
    X(TK_DOT, "DOT", ".") \
    X(TK_PERCENT, "PERCENT", "%") \
    X(TK_LBRACE, "LBRACE", "{") \
    X(TK_RBRACE, "RBRACE", "}") \
    X(TK_EQEQUAL, "EQEQUAL", "==") \
    X(TK_NOTEQUAL, "NOTEQUAL", "!=") \
    X(TK_LESSEQUAL, "LESSEQUAL", "<=") \
    X(TK_GREATEREQUAL, "GREATEREQUAL", ">=") \
    X(TK_TILDE, "TILDE", "~") \
    X(TK_CIRCUMFLEX, "CIRCUMFLEX", "^") \
    X(TK_LEFTSHIFT, "LEFTSHIFT", "<<") \
    X(TK_RIGHTSHIFT, "RIGHTSHIFT", ">>") \
    X(TK_DOUBLESTAR, "DOUBLESTAR", "**") \
    X(TK_PLUSEQUAL, "PLUSEQUAL", "+=") \
    X(TK_MINEQUAL, "MINEQUAL", "-=") \
    X(TK_STAREQUAL, "STAREQUAL", "*=") \
    X(TK_SLASHEQUAL, "SLASHEQUAL", "/=") \
    X(TK_PERCENTEQUAL, "PERCENTEQUAL", "%=") \
    X(TK_AMPEREQUAL, "AMPEREQUAL", "&=") \
    X(TK_VBAREQUAL, "VBAREQUAL", "|=") \
    X(TK_CIRCUMFLEXEQUAL, "CIRCUMFLEXEQUAL", "^=") \
    X(TK_LEFTSHIFTEQUAL, "LEFTSHIFTEQUAL", "<<=") \
    X(TK_RIGHTSHIFTEQUAL, "RIGHTSHIFTEQUAL", ">>=") \
    X(TK_DOUBLESTAREQUAL, "DOUBLESTAREQUAL", "**=") \
    X(TK_DOUBLESLASH, "DOUBLESLASH", "//") \
    X(TK_DOUBLESLASHEQUAL, "DOUBLESLASHEQUAL", "//=") \
    X(TK_AT, "AT", "@") \
    X(TK_ATEQUAL, "ATEQUAL", "@=") \
    X(TK_RARROW, "RARROW", "->") \
    X(TK_ELLIPSIS, "ELLIPSIS", "...") \
    X(TK_COLONEQUAL, "COLONEQUAL", ":=") \
    X(TK_EXCLAMATION, "EXCLAMATION", "!") \
    X(TK_OP, "OP", NULL)

/* TK_OP (added by the lexer): a character CPython's tokenizer passes on as
 * a bare OP ('$', '?', '`'). No grammar rule accepts it: the parser reports
 * "invalid syntax" at it (unless a tokenizer error later in the file takes
 * precedence, as in CPython). */

typedef enum TokenKind {
#define X(kind, name, spelling) kind,
    TOKEN_KINDS(X)
#undef X
    TK_COUNT
} TokenKind;

/* Hard and soft keywords. A NAME token carries one of these in `keyword`
 * (KW_NONE otherwise); soft keywords are keywords only where the parser
 * says so. */
#define KEYWORDS(X) \
    X(KW_FALSE, "False") X(KW_NONE_, "None") X(KW_TRUE, "True") \
    X(KW_AND, "and") X(KW_AS, "as") X(KW_ASSERT, "assert") X(KW_ASYNC, "async") \
    X(KW_AWAIT, "await") X(KW_BREAK, "break") X(KW_CLASS, "class") \
    X(KW_CONTINUE, "continue") X(KW_DEF, "def") X(KW_DEL, "del") X(KW_ELIF, "elif") \
    X(KW_ELSE, "else") X(KW_EXCEPT, "except") X(KW_FINALLY, "finally") X(KW_FOR, "for") \
    X(KW_FROM, "from") X(KW_GLOBAL, "global") X(KW_IF, "if") X(KW_IMPORT, "import") \
    X(KW_IN, "in") X(KW_IS, "is") X(KW_LAMBDA, "lambda") X(KW_NONLOCAL, "nonlocal") \
    X(KW_NOT, "not") X(KW_OR, "or") X(KW_PASS, "pass") X(KW_RAISE, "raise") \
    X(KW_RETURN, "return") X(KW_TRY, "try") X(KW_WHILE, "while") X(KW_WITH, "with") \
    X(KW_YIELD, "yield") \
    X(KW_SOFT_MATCH, "match") X(KW_SOFT_CASE, "case") X(KW_SOFT_TYPE, "type") \
    X(KW_SOFT_UNDERSCORE, "_")

typedef enum Keyword {
    KW_NONE = 0,
#define X(kw, spelling) kw,
    KEYWORDS(X)
#undef X
    KW_COUNT
} Keyword;

#define KW_FIRST_SOFT KW_SOFT_MATCH

typedef struct Token {
    uint8_t kind;          /* TokenKind */
    uint8_t keyword;       /* Keyword for NAME tokens, else KW_NONE */
    uint32_t start;        /* byte offset of the first byte in the decoded source */
    uint32_t end;          /* byte offset one past the last byte */
    uint32_t lineno;       /* 1-based line of the first byte */
    uint32_t col;          /* 0-based UTF-8 byte column (CPython's col_offset) */
    uint32_t end_lineno;
    uint32_t end_col;
} Token;

/* Name as tokenize prints it ("NAME", "OP" is the caller's business). */
const char *token_kind_name(TokenKind kind);
/* The operator's spelling, or NULL for non-operators. */
const char *token_kind_spelling(TokenKind kind);
const char *keyword_spelling(Keyword kw);

#endif
