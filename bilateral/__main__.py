"""`python -m bilateral`: the same command as the console script."""

from bilateral.cli import main

try:
    main()
finally:
    # CPython marks the interpreter when a KeyboardInterrupt ends code run by a string
    # exec (as dataclass and namedtuple creation do while a module is imported), and
    # under `python -m` it then ends the process by SIGINT even after the program has
    # handled the interrupt and chosen its exit code. A string exec clears the mark.
    exec("None")
