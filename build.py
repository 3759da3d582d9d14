#!/usr/bin/env python3
"""Build the 涪陵数据 site. `python build.py --help` lists the sub-commands."""
import sys

from fuling.cli import main

if __name__ == "__main__":
    sys.exit(main())
