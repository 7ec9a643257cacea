#include "TextRules.h"
