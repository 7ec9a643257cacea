#include "SecureBuffer.h"
