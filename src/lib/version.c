/* yu_version(): the version the library was built as (version.h). */
#include "yusuan/version.h"

const char *yu_version(void)
{
    return YU_VERSION_STRING;
}
