#include "ClientsFile.h"
