#include "WgDump.h"
