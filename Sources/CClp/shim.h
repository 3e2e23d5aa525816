#ifndef CAIRN_CCLP_SHIM_H
#define CAIRN_CCLP_SHIM_H
// COIN-OR CLP's C interface (Debian: coinor-libclp-dev; pkg-config clp puts its folder on the path).
#include <Clp_C_Interface.h>
#endif
