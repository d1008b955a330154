#!/usr/bin/env python3
"""ast_oracle.py LIST [--attributes] - the CPython side of tests/diff/ast.test.

For every path in LIST (one a line) prints "### PATH" and then either
ast.dump(ast.parse(source)) on one line or "ERROR LINE:COL: MESSAGE" when
CPython rejects the file: the same stream `krait parse --batch` prints, so
the two can be compared section by section. One process for the whole list.
"""
import ast
import sys


def main():
    attrs = "--attributes" in sys.argv[2:]
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    for path in paths:
        out.write(f"### {path}\n")
        try:
            with open(path, "rb") as f:
                source = f.read()
            tree = ast.parse(source)
        except SyntaxError as e:
            out.write(f"ERROR {e.lineno or 0}:{e.offset or 0}: {e.msg}\n")
            continue
        except (ValueError, RecursionError, MemoryError) as e:
            out.write(f"ERROR 0:0: {type(e).__name__}: {e}\n")
            continue
        out.write(ast.dump(tree, include_attributes=attrs))
        out.write("\n")
    out.flush()


if __name__ == "__main__":
    main()
