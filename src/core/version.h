/* version.h: the product version. */
#ifndef KTV_VERSION_H
#define KTV_VERSION_H
#define KTV_VERSION "0.1.0"
#endif
