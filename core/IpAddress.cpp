#include "IpAddress.h"
