/* master/api.h: endpoints of the master data (rooms, room types, products). */
#ifndef KTV_MASTER_API_H
#define KTV_MASTER_API_H

#include "core/http.h"

extern const struct route master_routes[];

#endif
