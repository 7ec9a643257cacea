#include "WireguardServerConfig.h"
