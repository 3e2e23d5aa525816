// The `Cairn` library product: the engine, whole, and from the modules around it a chosen set
// of types — the readers, verifiers, reports and store an embedding program uses — rather than
// every module whole. Everything else in those modules is `package`: the command line and the
// tests reach it, other packages do not. `import CairnCore` alone embeds the engine without
// GRDB, libxml2, zlib, swift-crypto or Yams.

@_exported public import CairnCore

// Errors that say where, and the JSON value every report writes.
@_exported public import struct CairnSyntax.FormatError
@_exported public import struct CairnSyntax.FormatErrors
@_exported public import enum CairnSyntax.JSONValue
@_exported public import protocol CairnSyntax.LocatedError

// HTML form bodies, URL-encoded and multipart, read within limits: for a server taking uploads.
@_exported public import struct CairnSyntax.FormError
@_exported public import struct CairnSyntax.FormFields
@_exported public import struct CairnSyntax.FormFile
@_exported public import struct CairnSyntax.FormLimits

// RDF: the streaming RDF/XML and N-Triples readers, N-Quads and RDFC-1.0 canonicalisation.
@_exported public import enum CairnRDF.NQuadsReader
@_exported public import typealias CairnRDF.NTriplesError
@_exported public import enum CairnRDF.NTriplesReader
@_exported public import enum CairnRDF.RDFCanonicalizationError
@_exported public import struct CairnRDF.RDFCanonicalizer
@_exported public import struct CairnRDF.RDFQuad
@_exported public import enum CairnRDF.RDFTerm
@_exported public import struct CairnRDF.RDFTriple
@_exported public import struct CairnRDF.RDFXMLError
@_exported public import struct CairnRDF.RDFXMLParser

// Open Badges 2.0/3.0, CLR and Europass (ELM 3) credentials: reading, JOSE and Data Integrity verification, keys, baked images.
@_exported public import enum CairnCredentials.BadgeBaker
@_exported public import struct CairnCredentials.BakedBadge
@_exported public import enum CairnCredentials.BakedContent
@_exported public import struct CairnCredentials.CompactJWS
@_exported public import enum CairnCredentials.CredentialRevocation
@_exported public import struct CairnCredentials.CredentialStatusEntry
@_exported public import struct CairnCredentials.CredentialVerification
@_exported public import struct CairnCredentials.CredentialVerifier
@_exported public import struct CairnCredentials.Endorsement
@_exported public import struct CairnCredentials.EuropeanDigitalCredential
@_exported public import struct CairnCredentials.JAdESVerifier
@_exported public import struct CairnCredentials.JSONSerializedJWS
@_exported public import struct CairnCredentials.JSONLDContextLibrary
@_exported public import struct CairnCredentials.AchievementDocument
@_exported public import struct CairnCredentials.JWSVerifier
@_exported public import enum CairnCredentials.KeyFile
@_exported public import struct CairnCredentials.KeyRing
@_exported public import struct CairnCredentials.LocalDocuments
@_exported public import struct CairnCredentials.MicroCredentialElements
@_exported public import struct CairnCredentials.NestedCredential
@_exported public import struct CairnCredentials.OpenBadgesAchievement
@_exported public import struct CairnCredentials.OpenBadgesAlignment
@_exported public import struct CairnCredentials.OpenBadgesAssociation
@_exported public import struct CairnCredentials.OpenBadgesCredential
@_exported public import struct CairnCredentials.OpenBadgesEvidence
@_exported public import struct CairnCredentials.OpenBadgesFile
@_exported public import struct CairnCredentials.OpenBadgesProfile
@_exported public import struct CairnCredentials.OpenBadgesResult
@_exported public import struct CairnCredentials.OpenBadgesTimestamp
@_exported public import enum CairnCredentials.ProofCheck
@_exported public import struct CairnCredentials.PublicKey
@_exported public import struct CairnCredentials.SigningCertificate

// Issuing: the credential a completed stack awards, its proofs, keys and status lists.
@_exported public import struct CairnIssuing.DataIntegritySigner
@_exported public import enum CairnIssuing.CredentialRecipient
@_exported public import struct CairnIssuing.OpenBadgeCredentialBuilder
@_exported public import struct CairnIssuing.SigningKey
@_exported public import enum CairnIssuing.SigningError
@_exported public import struct CairnIssuing.StackCompletion
@_exported public import struct CairnIssuing.StatusListBitstring
@_exported public import struct CairnIssuing.StatusListCredential
@_exported public import struct CairnIssuing.StatusListEntry
@_exported public import struct CairnIssuing.VCJWTSigner

// Skills frameworks: ESCO, SFIA, SKOS and CASE readers, and one entry point that detects the format.
@_exported public import enum CairnFrameworks.CASEPackage
@_exported public import enum CairnFrameworks.ESCOCSVPackage
@_exported public import struct CairnFrameworks.ESCOMapper
@_exported public import enum CairnFrameworks.ESCOSkillsCSV
@_exported public import enum CairnFrameworks.FrameworkFormat
@_exported public import struct CairnFrameworks.FrameworkReadReport
@_exported public import enum CairnFrameworks.FrameworkReader
@_exported public import enum CairnFrameworks.SFIACSV
@_exported public import enum CairnFrameworks.SFIAWorkbook
@_exported public import struct CairnFrameworks.SFIAMapper
@_exported public import struct CairnFrameworks.SKOSMapper

// Definitions: catalogues, pathways, learner records, credit policies and role profiles read
// from YAML or JSON. Besides `DefinitionDocument` and `DefinitionKind`, the module's public API
// is the `init(definition:file:)` it adds to the engine's types, so it is re-exported whole.
@_exported public import CairnDefinitions

// Reports: text, JSON, CSV, iCalendar and graphs of audits, plans, credits and roles.
@_exported public import struct CairnReports.CohortAuditRow
@_exported public import enum CairnReports.CohortAuditFormat
@_exported public import enum CairnReports.CohortCreditsFormat
@_exported public import struct CairnReports.CohortSummary
@_exported public import struct CairnReports.CohortComparison
@_exported public import struct CairnReports.AuditTextReport
@_exported public import struct CairnReports.BadgeInspection
@_exported public import enum CairnReports.CatalogListing
@_exported public import struct CairnReports.CreditTranscriptTextReport
@_exported public import struct CairnReports.ICalendar
@_exported public import struct CairnReports.PathwayGraph
@_exported public import struct CairnReports.PlanRanking
@_exported public import struct CairnReports.RenewalTextReport
@_exported public import struct CairnReports.RoleFitReport
@_exported public import struct CairnReports.RoleMatchReport
@_exported public import enum CairnReports.RoleMatrixCSV
@_exported public import struct CairnReports.SkillNames
@_exported public import struct CairnReports.VerificationReport

// The store: imported frameworks and their search, and the signed credit decision log.
@_exported public import enum CairnStore.ChainVerification
@_exported public import struct CairnStore.CreditDecision
@_exported public import struct CairnStore.DecisionLog
@_exported public import struct CairnStore.DecisionLogError
@_exported public import struct CairnStore.DecisionLogKey
@_exported public import struct CairnStore.DecisionLogKeyError
@_exported public import struct CairnStore.FrameworkImportSink
@_exported public import class CairnStore.SQLiteStore
@_exported public import struct CairnStore.FrameworkSummary
@_exported public import struct CairnStore.ImportSummary
@_exported public import struct CairnStore.MACSummary
@_exported public import struct CairnStore.RelatedConcept
@_exported public import struct CairnStore.SkillDetail
@_exported public import struct CairnStore.SkillSearchHit
@_exported public import struct CairnStore.StoreError
@_exported public import enum CairnStore.EarningOrigin
@_exported public import struct CairnStore.StoredEarning
@_exported public import struct CairnStore.StoredLearner
@_exported public import struct CairnStore.EarningBatch
@_exported public import struct CairnStore.LearnerImportReport
@_exported public import struct CairnStore.APIToken
@_exported public import struct CairnStore.TokenLifetime
@_exported public import class CairnStore.StoreChanges
@_exported public import struct CairnStore.EarningChange
@_exported public import struct CairnStore.PostgresAddress
@_exported public import class CairnPostgres.PostgresStore
@_exported public import protocol CairnStore.LearnerStore
@_exported public import struct CairnStore.RecordedDecision
@_exported public import protocol CairnStore.IssuanceStore
@_exported public import enum CairnStore.IssuanceReservation
@_exported public import struct CairnStore.IssuedCredentialRecord
@_exported public import struct CairnStore.StatusListRecord
@_exported public import struct CairnStore.StoreLocationError
@_exported public import enum CairnStore.StoreLocation
@_exported public import struct CairnStore.JobRequest
@_exported public import struct CairnStore.CohortJob
@_exported public import struct CairnStore.ClaimedChunk
@_exported public import protocol CairnStore.JobStore
@_exported public import protocol CairnStore.CohortReading
@_exported public import protocol CairnStore.DecisionLogTransaction
@_exported public import protocol CairnStore.Store
@_exported public import protocol CairnStore.DecisionStore
@_exported public import protocol CairnStore.DecisionLogReader
@_exported public import protocol CairnStore.TokenStore
@_exported public import protocol CairnStore.FrameworkStore
@_exported public import struct CairnStore.JobProgress
@_exported public import protocol CairnStore.ExceptionStore
@_exported public import struct CairnStore.JobResult
@_exported public import struct CairnStore.CohortReader
@_exported public import struct CairnStore.StoredException
@_exported public import class CairnStore.EarningStream
@_exported public import struct CairnStore.EarningConflicts
