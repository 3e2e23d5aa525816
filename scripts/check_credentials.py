#!/usr/bin/env python3
"""Checks Open Badges 3.0 credentials independently of Cairn: their proofs and their JSON Schema.

    python3 scripts/check_credentials.py --contexts DIR [--keys DIR] [--schema FILE] FILE...

Each FILE is either a credential as JSON with a Data Integrity proof (cryptosuite eddsa-rdfc-2022)
or a compact VC-JWT (a `.jwt` file, or any file whose text is three dot-separated base64url parts)
whose payload's `vc` claim holds the credential.

    --contexts DIR  JSON-LD contexts, named in DIR/CONTEXTS.tsv or DIR/INDEX.tsv (URL TAB file per
                    line). The network is never used: a context URL not listed there is an error.
    --keys DIR      public keys as JWK files (*.jwk or *.json: one JWK, or a JWK Set {"keys": [...]}).
                    A Data Integrity proof's verificationMethod, or a JWT header's kid, picks the
                    key whose `kid` equals it. A did:key:z6Mk… verification method needs no file.
    --schema FILE   a JSON Schema (the Open Badges 3.0 AchievementCredential schema) that each
                    credential (for a JWT: its `vc` claim) is validated against, Draft 2019-09,
                    checking formats where jsonschema has the means to. Without it: "skipped".

Prints one JSON object per FILE, one per line:

    {"file", "kind": "eddsa-rdfc-2022" | "vc-jwt" | "unknown",
     "proof": "verified" | "failed" | "error", "reason",
     "schema": "valid" | "invalid" | "skipped", "schemaErrors": [...]}

"failed" means the proof was checked and does not hold (wrong signature, claims that do not match
the credential); "error" means it could not be checked (unreadable file, unknown context, no key,
unsupported proof). Exits 0 only when every proof verified and no schema check found the
credential invalid; 1 otherwise; 2 on a usage error.

The eddsa-rdfc-2022 check follows the W3C Data Integrity EdDSA Cryptosuites v1.0 specification,
written here without Cairn's code: proof options = the proof without proofValue, with the
credential's @context; both the credential without its proof and the options are canonicalized
with RDFC-1.0 (pyld's URDNA2015); the signed data is sha256(options) + sha256(credential); the
signature (multibase base58btc) is checked with Ed25519 (PyNaCl).

Needs: pip install pyld PyNaCl jwcrypto jsonschema. Only Cairn's tests and scripts use it.
"""
import argparse
import hashlib
import json
import pathlib
import sys

from jsonschema import Draft201909Validator
from jwcrypto import jwk, jws
from jwcrypto.common import base64url_decode
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey
from pyld import jsonld

CRYPTOSUITE = "eddsa-rdfc-2022"


class CheckError(Exception):
    """The proof could not be checked (as opposed to: checked, and it does not hold)."""


class CheckFailure(Exception):
    """The proof was checked and does not hold."""


# MARK: base58btc

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BASE58_VALUES = {character: value for value, character in enumerate(BASE58_ALPHABET)}


def base58_decode(text):
    """The bytes of base58 (Bitcoin alphabet) `text`: each leading '1' is one zero byte."""
    number = 0
    for character in text:
        if character not in BASE58_VALUES:
            raise CheckError(f"not base58btc: character {character!r}")
        number = number * 58 + BASE58_VALUES[character]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\x00" * zeros + body


def multibase_base58btc(text, what):
    if not isinstance(text, str) or not text.startswith("z"):
        raise CheckError(f"{what} is not multibase base58btc (a string starting with 'z')")
    return base58_decode(text[1:])


# MARK: The local document loader


def local_loader(contexts_dir):
    """A pyld document loader answering only from the contexts listed in contexts_dir."""
    folder = pathlib.Path(contexts_dir)
    index = next((folder / name for name in ("CONTEXTS.tsv", "INDEX.tsv") if (folder / name).is_file()), None)
    if index is None:
        raise SystemExit(f"check_credentials: {folder} has neither CONTEXTS.tsv nor INDEX.tsv")
    files = {}
    for number, line in enumerate(index.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise SystemExit(f"check_credentials: {index}:{number}: expected URL TAB file")
        files[parts[0].strip()] = folder / parts[1].strip()
    cache = {}

    def load(url, options=None):
        if url not in files:
            raise jsonld.JsonLdError(
                f"context {url} is not among the local contexts ({index}); the network is never used",
                "jsonld.LoadDocumentError", {"url": url}, code="loading document failed")
        if url not in cache:
            cache[url] = json.loads(files[url].read_text(encoding="utf-8"))
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": cache[url]}

    return load


def innermost_message(error):
    """The message of the deepest cause of a pyld error (pyld wraps the real one in its own)."""
    while (error.__cause__ or error.__context__) is not None:
        error = error.__cause__ or error.__context__
    return str(error.args[0]) if error.args else str(error)


def canonical(document, loader):
    try:
        return jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                           "documentLoader": loader})
    except jsonld.JsonLdError as error:
        raise CheckError(f"JSON-LD: {innermost_message(error)}") from error


# MARK: Keys


def read_keys(keys_dir):
    """Every JWK in keys_dir that has a kid, by kid."""
    keys = {}
    if keys_dir is None:
        return keys
    for path in sorted(pathlib.Path(keys_dir).iterdir()):
        if path.suffix not in (".jwk", ".json") or not path.is_file():
            continue
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        for key in value.get("keys", [value]) if isinstance(value, dict) else []:
            if isinstance(key, dict) and isinstance(key.get("kid"), str):
                keys[key["kid"]] = key
    return keys


def ed25519_from_jwk(key, what):
    if key.get("kty") != "OKP" or key.get("crv") != "Ed25519" or not isinstance(key.get("x"), str):
        raise CheckError(f"{what} is not an Ed25519 key (kty OKP, crv Ed25519, x)")
    raw = base64url_decode(key["x"])
    if len(raw) != 32:
        raise CheckError(f"{what}: x is {len(raw)} bytes, not 32")
    return raw


def ed25519_for(verification_method, keys):
    """The raw Ed25519 public key a verificationMethod names: a did:key, or a --keys JWK by kid."""
    if not isinstance(verification_method, str):
        raise CheckError("the proof has no verificationMethod string")
    if verification_method in keys:
        return ed25519_from_jwk(keys[verification_method], f"the key {verification_method}")
    if verification_method.startswith("did:key:"):
        identifier, _, fragment = verification_method[len("did:key:"):].partition("#")
        if fragment and fragment != identifier:
            raise CheckError(f"verificationMethod {verification_method}: the fragment is not the key itself")
        decoded = multibase_base58btc(identifier, "the did:key identifier")
        if decoded[:2] != b"\xed\x01" or len(decoded) != 34:
            raise CheckError(f"verificationMethod {verification_method} is not an Ed25519 did:key "
                             "(multicodec 0xed01 and 32 bytes)")
        return decoded[2:]
    raise CheckError(f"no key for verificationMethod {verification_method} (neither a did:key nor a kid in --keys)")


# MARK: eddsa-rdfc-2022


def verify_data_integrity(credential, loader, keys):
    proofs = credential.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    if not proofs or not all(isinstance(proof, dict) for proof in proofs):
        raise CheckError("the proof is not an object or a list of objects")
    unsecured = {name: value for name, value in credential.items() if name != "proof"}
    document_hash = None
    for number, proof in enumerate(proofs, 1):
        where = f"proof {number}: " if len(proofs) > 1 else ""
        if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
            raise CheckError(f"{where}unsupported proof type {proof.get('type')!r} "
                             f"with cryptosuite {proof.get('cryptosuite')!r}")
        if proof.get("proofPurpose") != "assertionMethod":
            raise CheckFailure(f"{where}proofPurpose is {proof.get('proofPurpose')!r}, not 'assertionMethod'")
        signature = multibase_base58btc(proof.get("proofValue"), f"{where}proofValue")
        if len(signature) != 64:
            raise CheckFailure(f"{where}proofValue is {len(signature)} bytes, not a 64-byte Ed25519 signature")
        public_key = ed25519_for(proof.get("verificationMethod"), keys)
        if "@context" in proof and proof["@context"] != credential.get("@context"):
            raise CheckFailure(f"{where}the proof's @context differs from the credential's")
        options = {name: value for name, value in proof.items() if name != "proofValue"}
        options["@context"] = credential.get("@context")
        if document_hash is None:
            document_hash = hashlib.sha256(canonical(unsecured, loader).encode("utf-8")).digest()
        options_hash = hashlib.sha256(canonical(options, loader).encode("utf-8")).digest()
        try:
            VerifyKey(public_key).verify(options_hash + document_hash, signature)
        except BadSignatureError:
            raise CheckFailure(f"{where}the Ed25519 signature does not match the canonical credential") from None
        except ValueError as error:
            raise CheckError(f"{where}the public key is unusable: {error}") from error


# MARK: VC-JWT

JWT_ALGORITHMS = {"EdDSA": ("OKP", "Ed25519"), "ES256": ("EC", "P-256")}


def identifier(value):
    return value.get("id") if isinstance(value, dict) else value


def verify_jwt(token, keys):
    """The vc claim of compact JWS `token`, once its signature and claims hold."""
    signed = jws.JWS()
    try:
        signed.deserialize(token)
    except jws.InvalidJWSObject as error:
        raise CheckError(f"not a compact JWS: {error}") from error
    header = signed.jose_header if isinstance(signed.jose_header, dict) else {}
    algorithm = header.get("alg")
    if algorithm not in JWT_ALGORITHMS:
        raise CheckError(f"unsupported JWS algorithm {algorithm!r} (only EdDSA and ES256)")
    kid = header.get("kid")
    if kid not in keys:
        raise CheckError(f"no key in --keys whose kid is {kid!r}")
    kty, crv = JWT_ALGORITHMS[algorithm]
    if keys[kid].get("kty") != kty or keys[kid].get("crv") != crv:
        raise CheckError(f"the key {kid} is not {kty} {crv}, as {algorithm} needs")
    try:
        key = jwk.JWK(**keys[kid])
    except Exception as error:  # jwcrypto raises several kinds for a malformed JWK
        raise CheckError(f"the key {kid} is unusable: {error}") from error
    signed.allowed_algs = [algorithm]
    try:
        signed.verify(key, alg=algorithm)
    except jws.InvalidJWSSignature:
        raise CheckFailure(f"the {algorithm} signature does not match") from None
    try:
        payload = json.loads(signed.payload)
    except ValueError as error:
        raise CheckFailure(f"the payload is not JSON: {error}") from error
    vc = payload.get("vc") if isinstance(payload, dict) else None
    if not isinstance(vc, dict):
        raise CheckFailure("the payload has no vc claim (an object)")
    if payload.get("iss") != identifier(vc.get("issuer")):
        raise CheckFailure(f"iss {payload.get('iss')!r} is not the vc's issuer id {identifier(vc.get('issuer'))!r}")
    if payload.get("jti") != vc.get("id"):
        raise CheckFailure(f"jti {payload.get('jti')!r} is not the vc's id {vc.get('id')!r}")
    subject_id = identifier(vc.get("credentialSubject"))
    if "sub" in payload and subject_id is not None and payload["sub"] != subject_id:
        raise CheckFailure(f"sub {payload['sub']!r} is not the credentialSubject's id {subject_id!r}")
    return vc


# MARK: Schema


def schema_validator(schema_file):
    if schema_file is None:
        return None
    schema = json.loads(pathlib.Path(schema_file).read_text(encoding="utf-8"))
    Draft201909Validator.check_schema(schema)
    # Formats are checked where jsonschema has what it needs (date-time needs rfc3339-validator,
    # uri needs rfc3987); the rest pass unchecked, as with format checking off.
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def schema_errors(validator, credential):
    errors = sorted(validator.iter_errors(credential), key=lambda error: list(map(str, error.absolute_path)))
    return [f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}" for error in errors]


# MARK: One file


def looks_like_jwt(path, text):
    if path.suffix == ".jwt":
        return True
    parts = text.strip().split(".")
    return len(parts) == 3 and text.lstrip()[:1] != "{" and all(parts[:2])


def check(path, loader, keys, validator):
    result = {"file": str(path), "kind": "unknown", "proof": "error", "reason": "",
              "schema": "skipped", "schemaErrors": []}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        result["reason"] = f"unreadable: {error}"
        return result
    credential = None
    try:
        if looks_like_jwt(path, text):
            result["kind"] = "vc-jwt"
            credential = verify_jwt(text.strip(), keys)
        else:
            try:
                credential = json.loads(text)
            except ValueError as error:
                raise CheckError(f"not JSON: {error}") from error
            if not isinstance(credential, dict):
                raise CheckError("not a JSON object")
            if "proof" not in credential:
                raise CheckError("no proof")
            proofs = credential["proof"] if isinstance(credential["proof"], list) else [credential["proof"]]
            if any(isinstance(proof, dict) and proof.get("cryptosuite") == CRYPTOSUITE for proof in proofs):
                result["kind"] = CRYPTOSUITE
            verify_data_integrity(credential, loader, keys)
        result["proof"] = "verified"
    except CheckFailure as failure:
        result["proof"] = "failed"
        result["reason"] = str(failure)
    except CheckError as error:
        result["reason"] = str(error)
    if validator is not None and isinstance(credential, dict):
        errors = schema_errors(validator, credential)
        result["schema"] = "invalid" if errors else "valid"
        result["schemaErrors"] = errors
    elif validator is not None and result["kind"] == "vc-jwt" and credential is None:
        # The vc claim of a JWT whose signature failed: validated all the same, read without trust.
        try:
            payload = json.loads(base64url_decode(text.strip().split(".")[1]))
            vc = payload.get("vc") if isinstance(payload, dict) else None
        except ValueError:
            vc = None
        if isinstance(vc, dict):
            errors = schema_errors(validator, vc)
            result["schema"] = "invalid" if errors else "valid"
            result["schemaErrors"] = errors
    return result


def main(arguments):
    parser = argparse.ArgumentParser(description="Checks Open Badges 3.0 credentials independently of Cairn.")
    parser.add_argument("--contexts", required=True, help="folder of JSON-LD contexts with CONTEXTS.tsv or INDEX.tsv")
    parser.add_argument("--keys", help="folder of JWK files, matched by kid")
    parser.add_argument("--schema", help="JSON Schema to validate each credential against")
    parser.add_argument("files", nargs="+", metavar="FILE")
    options = parser.parse_args(arguments)
    loader = local_loader(options.contexts)
    keys = read_keys(options.keys)
    validator = schema_validator(options.schema)
    success = True
    for name in options.files:
        result = check(pathlib.Path(name), loader, keys, validator)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        success = success and result["proof"] == "verified" and result["schema"] != "invalid"
    return 0 if success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
