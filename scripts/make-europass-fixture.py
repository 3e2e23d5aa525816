#!/usr/bin/env python3
"""Writes the bundled Europass (ELM 3) micro-credential and seals it as JAdES, the way the
European Commission's Europass tools do: a JWS in JSON serialization with an unencoded payload
(RFC 7797, "b64": false), RS256, the signer's certificate in "x5c", "sigT", and "crit".

The credential follows the shape of the Commission's Annex I sample (ELM repository,
Credentials/JSON-LD Examples (ELM v3)/Sample-MC-Annex1-*.jsonld): a LearningAchievement
specifiedBy a specification with creditPoint (ECTS), learningOutcome with relatedESCOSkill,
eqfLevel, mode and volumeOfLearning, provenBy an assessment, awardedBy an awarding body.

Run once with Python's `cryptography` (PyPI); Cairn never signs these at run time. The key is
made here and thrown away: only the self-signed certificate (the public half) is kept, in
Pathways/learners/credentials/keys/cpd-example-edu-seal.pem, which the CPD centre's badge
catalogue lists under its issuer keys.

    python3 scripts/make-europass-fixture.py
"""
import base64
import datetime
import hashlib
import json
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Pathways/learners/credentials/europass/lena-data-governance.jsonld"
CERT = ROOT / "Pathways/learners/credentials/keys/cpd-example-edu-seal.pem"
ISSUER = "https://cpd.example.edu"


def concept(uri, label, scheme):
    return {"id": uri, "type": "Concept", "inScheme": {"id": scheme, "type": "ConceptScheme"}, "prefLabel": {"en": label}}


def esco(uuid, label):
    return concept(f"http://data.europa.eu/esco/skill/{uuid}", label, "http://data.europa.eu/esco/concept-scheme/skills")


ORGANISATION = {
    "id": ISSUER,
    "type": "Organisation",
    "legalName": {"en": "Example University Centre for Professional Development"},
    "location": {
        "id": "urn:epass:location:1", "type": "Location",
        "address": {"id": "urn:epass:address:1", "type": "Address",
                    "countryCode": concept("http://publications.europa.eu/resource/authority/country/NLD", "Netherlands",
                                           "http://publications.europa.eu/resource/authority/country")},
    },
}

CREDENTIAL = {
    "id": "urn:credential:7d0c8a52-3f1e-4d55-9a0e-2c6f4b1e8a10",
    "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
    "credentialProfiles": concept("http://data.europa.eu/snb/credential/e34929035b", "Generic",
                                  "http://data.europa.eu/snb/credential/25831c2"),
    "displayParameter": {"id": "urn:epass:displayParameter:1", "type": "DisplayParameter",
                         "title": {"en": "Micro-credential"}},
    "credentialSubject": {
        "id": "urn:epass:person:1",
        "type": "Person",
        "fullName": {"en": "Lena Novak"},
        "givenName": {"en": "Lena"},
        "familyName": {"en": "Novak"},
        "contactPoint": {"id": "urn:epass:contactPoint:1", "type": "ContactPoint",
                         "emailAddress": {"id": "mailto:lena.novak@example.org", "type": "Mailbox"}},
        "hasClaim": {
            "id": "urn:epass:learningAchievement:1",
            "type": "LearningAchievement",
            "title": {"en": "Micro-credential: Data Governance and Stewardship"},
            "awardedBy": {"id": "urn:epass:awardingProcess:1", "type": "AwardingProcess",
                          "awardingBody": ORGANISATION, "awardingDate": "2026-06-30T00:00:00Z"},
            "provenBy": {
                "id": "urn:epass:learningAssessment:1", "type": "LearningAssessment",
                "title": {"en": "Data management plan and portfolio"},
                "grade": {"id": "urn:epass:note:1", "type": "Note", "noteLiteral": {"en": "pass"}},
                "specifiedBy": {"id": "urn:epass:learningAssessmentSpec:1", "type": "LearningAssessmentSpecification",
                                "title": {"en": "Data management plan and portfolio"},
                                "dcType": concept("urn:epass:concept:portfolio-assessment", "portfolio assessment",
                                                  "urn:epass:conceptScheme:assessment-types")},
            },
            "specifiedBy": {
                "id": "https://cpd.example.edu/elm/specifications/data-governance",
                "type": "LearningAchievementSpecification",
                "title": {"en": "Micro-credential: Data Governance and Stewardship"},
                "description": {"en": "Assessed module (level 7): manage research and organisational data so that it is "
                                      "findable, accessible, interoperable and reusable."},
                "creditPoint": {"id": "urn:epass:creditPoint:1", "type": "CreditPoint",
                                "framework": concept("http://data.europa.eu/snb/education-credit/6fcec5c5af",
                                                     "European Credit Transfer System",
                                                     "http://data.europa.eu/snb/education-credit/25831c2"),
                                "point": "5"},
                "eqfLevel": concept("http://data.europa.eu/snb/eqf/7", "Level 7", "http://data.europa.eu/snb/eqf/25831c2"),
                "learningOutcome": [
                    {"id": "urn:epass:learningOutcome:1", "type": "LearningOutcome",
                     "title": {"en": "Manage research data through its life cycle"},
                     "relatedESCOSkill": esco("08b04e53-ed25-41a2-9f90-0b9cd939ba3d", "manage research data")},
                    {"id": "urn:epass:learningOutcome:2", "type": "LearningOutcome",
                     "title": {"en": "Keep data findable, accessible, interoperable and reusable"},
                     "relatedESCOSkill": [esco("4f5c1208-62fd-4e5a-a51e-306c06947e11",
                                               "manage findable accessible interoperable and reusable data")]},
                ],
                "mode": concept("http://data.europa.eu/snb/learning-assessment/e92d221e4d", "Blended",
                                "http://data.europa.eu/snb/learning-assessment/25831c2"),
                "learningSetting": concept("http://data.europa.eu/snb/learning-setting/e207a81fc7", "non-formal learning",
                                           "http://data.europa.eu/snb/learning-setting/25831c2"),
                "volumeOfLearning": "PT125H",
                "accreditation": {"id": "urn:epass:accreditation:1", "type": "Accreditation",
                                  "title": {"en": "Institutional quality assurance review (2025)"}},
            },
        },
    },
    "issuer": ORGANISATION,
    "issuanceDate": "2026-07-01T09:00:00Z",
    "validFrom": "2026-07-01T09:00:00Z",
    "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example University Centre for Professional Development"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "CPD seal (Cairn sample)")])
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(0x2026).not_valid_before(start).not_valid_after(start.replace(year=2031))
            .sign(key, hashes.SHA256()))
    der = cert.public_bytes(serialization.Encoding.DER)
    header = {"alg": "RS256", "cty": "octet-stream", "typ": "jose+json",
              "x5t#S256": b64url(hashlib.sha256(der).digest()), "x5c": [base64.b64encode(der).decode()],
              "b64": False, "sigT": "2026-07-01T09:00:05Z", "crit": ["b64", "sigT"]}
    protected = b64url(json.dumps(header, separators=(",", ":")).encode())
    payload = json.dumps(CREDENTIAL, separators=(",", ":"), ensure_ascii=False)
    signature = key.sign(protected.encode() + b"." + payload.encode(), padding.PKCS1v15(), hashes.SHA256())
    OUT.write_text(json.dumps({"payload": payload, "signatures": [{"protected": protected, "signature": b64url(signature)}]},
                              indent=1) + "\n")
    CERT.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


if __name__ == "__main__":
    main()
