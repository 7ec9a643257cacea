#include "PrivateKey.h"
