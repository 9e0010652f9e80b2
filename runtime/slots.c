/*
** slots.c: the one place where slots are written.
*/
#include "slots.h"

/*
** Release store; it pairs with the load every stub performs (a plain load,
** which on every target we support is ordered after the data-dependent
** loads of the new code's address, as for RCU's rcu_dereference).
*/
int hps_publish(void **slot, void *target) {
  __atomic_store_n(slot, target, __ATOMIC_RELEASE);
  return 0;
}
