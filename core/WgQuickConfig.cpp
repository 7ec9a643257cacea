#include "WgQuickConfig.h"
