#ifndef CAIRN_CLIBXML2_SHIM_H
#define CAIRN_CLIBXML2_SHIM_H

/* libxml2 built with ICU includes <unicode/ucnv.h> from its encoding header; those system ICU
 * declarations clash with Foundation's own ICU module (`UErrorCode` defined twice). Cairn uses
 * no ICU-dependent libxml2 API (only pointers to encoding handlers), so the ICU part of the
 * headers is switched off here, before the first header that would include it. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses to touch as shared mutable
/// state; this wrapper calls it.
static inline void cairn_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
