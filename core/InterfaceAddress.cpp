#include "InterfaceAddress.h"
