#include "IpNetwork.h"
