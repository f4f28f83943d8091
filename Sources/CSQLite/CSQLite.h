#ifndef CSQLITE_H
#define CSQLITE_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a function-like cast of -1 to a destructor pointer, which Swift
// cannot import. Binding with it makes SQLite copy the bytes before the call returns, so
// Swift's temporary string and array buffers may be freed right after. Delete this shim
// if Swift ever imports the macro.
static inline sqlite3_destructor_type CSQLite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
