// libxlsxwriter, from Debian's libxlsxwriter-dev (pkg-config name: xlsxwriter).
#include <xlsxwriter.h>
