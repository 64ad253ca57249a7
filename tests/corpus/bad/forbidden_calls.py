"""Calls py2wasm refuses: code execution, I/O, processes, imports, print."""
import os
import subprocess


def uses_eval(x):
    y = x + 1.0
    return eval("y * 2")  # BAD[P2W006]


def uses_exec(x):
    exec("z = 1")  # BAD[P2W006]
    return x


def uses_open(x):
    f = open("/tmp/py2wasm-should-not-exist")  # BAD[P2W006]
    return x


def uses_os_system(x):
    if x > 0:
        os.system("true")  # BAD[P2W006]
    return x


def uses_subprocess(x):
    subprocess.call("true")  # BAD[P2W006]
    return x


def uses_dunder_import(x):
    m = __import__("math")  # BAD[P2W006]
    return x


def uses_print(x):
    y = x * 2.0
    print(y)  # BAD[P2W006]
    return y


def uses_import_statement(x):
    import os.path  # BAD
    return x


def print_in_untaken_branch(x):
    # called with 1.5: the branch never runs, but it is compiled all the same
    if x < 0.0:
        print(x)  # BAD[P2W006]
    return x
