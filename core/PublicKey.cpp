#include "PublicKey.h"
