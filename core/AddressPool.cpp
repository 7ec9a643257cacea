#include "AddressPool.h"
