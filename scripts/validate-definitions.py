#!/usr/bin/env python3
"""Checks JSON definition files against Cairn's JSON Schemas, independently of Cairn's readers.

    scripts/validate-definitions.py SCHEMA_DIR FILE...

Each FILE is named <anything>.<kind>.json, where <kind> names its schema (<kind>.schema.json in
SCHEMA_DIR: badge-catalogue, pathway, learner-record, credit-policy, role-profile). Prints one line
per problem (file, JSON path, message) and exits 1 when there is any, 0 when every file is valid.
Needs the jsonschema package (pip install jsonschema).
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    schema_dir = pathlib.Path(arguments[0])
    resources = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        resources[path.name] = Resource.from_contents(schema)
    registry = Registry().with_resources(resources.items())
    problems = 0
    for name in arguments[1:]:
        path = pathlib.Path(name)
        kind = path.name.rsplit(".", 2)[-2]
        schema = resources[f"{kind}.schema.json"].contents
        validator = Draft202012Validator(schema, registry=registry)
        instance = json.loads(path.read_text(encoding="utf-8"))
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path.name}: {location}: {error.message}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
