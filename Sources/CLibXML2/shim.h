#ifndef CAIRN_CLIBXML2_SHIM_H
#define CAIRN_CLIBXML2_SHIM_H

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
