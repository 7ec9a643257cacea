#include "Endpoint.h"
