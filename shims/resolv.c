/* resolv.c: res_* and dn_* (glibc 2.34, libc) -> __res_* / __dn_* (libresolv).
 * SPDX-License-Identifier: MIT-0
 *
 * Before 2.34 these lived in libresolv.so.2 under a "__" name (resolv.h
 * #defined the public names to them).  symcc links its stub of
 * libresolv.so.2 (src/stub.c), so the version needs name that library, as
 * glibc before 2.30 requires, and it is a DT_NEEDED.
 * All pointer types are opaque here; the prototypes are unchanged.
 */
#include "symver.h"
#include "arch.h"

typedef unsigned char symcc_u8;
typedef void *symcc_res_state;

SYMCC_OLD(int, old_res_query, "__res_query", SYMCC_V_2_2,
	  (const char *, int, int, symcc_u8 *, int));
SYMCC_OLD(int, old_res_search, "__res_search", SYMCC_V_2_2,
	  (const char *, int, int, symcc_u8 *, int));
SYMCC_OLD(int, old_res_querydomain, "__res_querydomain", SYMCC_V_2_2,
	  (const char *, const char *, int, int, symcc_u8 *, int));
SYMCC_OLD(int, old_res_mkquery, "__res_mkquery", SYMCC_V_2_2,
	  (int, const char *, int, int, const symcc_u8 *, int,
	   const symcc_u8 *, symcc_u8 *, int));
SYMCC_OLD(int, old_res_send, "__res_send", SYMCC_GLIBC_BASE,
	  (const symcc_u8 *, int, symcc_u8 *, int));
SYMCC_OLD(int, old_res_nquery, "__res_nquery", SYMCC_V_2_2,
	  (symcc_res_state, const char *, int, int, symcc_u8 *, int));
SYMCC_OLD(int, old_res_nsearch, "__res_nsearch", SYMCC_V_2_2,
	  (symcc_res_state, const char *, int, int, symcc_u8 *, int));
SYMCC_OLD(int, old_res_nquerydomain, "__res_nquerydomain", SYMCC_V_2_2,
	  (symcc_res_state, const char *, const char *, int, int, symcc_u8 *,
	   int));
SYMCC_OLD(int, old_res_nmkquery, "__res_nmkquery", SYMCC_V_2_2,
	  (symcc_res_state, int, const char *, int, int, const symcc_u8 *, int,
	   const symcc_u8 *, symcc_u8 *, int));
SYMCC_OLD(int, old_res_nsend, "__res_nsend", SYMCC_V_2_2,
	  (symcc_res_state, const symcc_u8 *, int, symcc_u8 *, int));
SYMCC_OLD(int, old_dn_comp, "__dn_comp", SYMCC_GLIBC_BASE,
	  (const char *, symcc_u8 *, int, symcc_u8 **, symcc_u8 **));
SYMCC_OLD(int, old_dn_expand, "__dn_expand", SYMCC_V_2_2,
	  (const symcc_u8 *, const symcc_u8 *, const symcc_u8 *, char *, int));
SYMCC_OLD(int, old_dn_skipname, "__dn_skipname", SYMCC_GLIBC_BASE,
	  (const symcc_u8 *, const symcc_u8 *));
SYMCC_OLD(int, old_res_dnok, "__res_dnok", SYMCC_GLIBC_BASE, (const char *));
SYMCC_OLD(int, old_res_hnok, "__res_hnok", SYMCC_GLIBC_BASE, (const char *));
SYMCC_OLD(int, old_res_mailok, "__res_mailok", SYMCC_GLIBC_BASE,
	  (const char *));
SYMCC_OLD(int, old_res_ownok, "__res_ownok", SYMCC_GLIBC_BASE,
	  (const char *));

/* res_query (dname, class, type, answer, anslen) */
SYMCC_SHIM int
__wrap_res_query(const char *dname, int class_, int type, symcc_u8 *answer,
		 int anslen)
{
	return old_res_query(dname, class_, type, answer, anslen);
}

/* res_search (dname, class, type, answer, anslen) */
SYMCC_SHIM int
__wrap_res_search(const char *dname, int class_, int type, symcc_u8 *answer,
		  int anslen)
{
	return old_res_search(dname, class_, type, answer, anslen);
}

/* res_querydomain (name, domain, class, type, answer, anslen) */
SYMCC_SHIM int
__wrap_res_querydomain(const char *name, const char *domain, int class_,
		       int type, symcc_u8 *answer, int anslen)
{
	return old_res_querydomain(name, domain, class_, type, answer, anslen);
}

/* res_mkquery (op, dname, class, type, data, datalen, newrr, buf, buflen) */
SYMCC_SHIM int
__wrap_res_mkquery(int op, const char *dname, int class_, int type,
		   const symcc_u8 *data, int datalen, const symcc_u8 *newrr,
		   symcc_u8 *buf, int buflen)
{
	return old_res_mkquery(op, dname, class_, type, data, datalen, newrr,
			       buf, buflen);
}

/* res_send (msg, msglen, answer, anslen) */
SYMCC_SHIM int
__wrap_res_send(const symcc_u8 *msg, int msglen, symcc_u8 *answer, int anslen)
{
	return old_res_send(msg, msglen, answer, anslen);
}

/* res_nquery (statp, dname, class, type, answer, anslen) */
SYMCC_SHIM int
__wrap_res_nquery(symcc_res_state statp, const char *dname, int class_,
		  int type, symcc_u8 *answer, int anslen)
{
	return old_res_nquery(statp, dname, class_, type, answer, anslen);
}

/* res_nsearch (statp, dname, class, type, answer, anslen) */
SYMCC_SHIM int
__wrap_res_nsearch(symcc_res_state statp, const char *dname, int class_,
		   int type, symcc_u8 *answer, int anslen)
{
	return old_res_nsearch(statp, dname, class_, type, answer, anslen);
}

/* res_nquerydomain (statp, name, domain, class, type, answer, anslen) */
SYMCC_SHIM int
__wrap_res_nquerydomain(symcc_res_state statp, const char *name,
			const char *domain, int class_, int type,
			symcc_u8 *answer, int anslen)
{
	return old_res_nquerydomain(statp, name, domain, class_, type, answer,
				    anslen);
}

/* res_nmkquery (statp, op, dname, class, type, data, datalen, newrr, buf,
 * buflen) */
SYMCC_SHIM int
__wrap_res_nmkquery(symcc_res_state statp, int op, const char *dname,
		    int class_, int type, const symcc_u8 *data, int datalen,
		    const symcc_u8 *newrr, symcc_u8 *buf, int buflen)
{
	return old_res_nmkquery(statp, op, dname, class_, type, data, datalen,
				newrr, buf, buflen);
}

/* res_nsend (statp, msg, msglen, answer, anslen) */
SYMCC_SHIM int
__wrap_res_nsend(symcc_res_state statp, const symcc_u8 *msg, int msglen,
		 symcc_u8 *answer, int anslen)
{
	return old_res_nsend(statp, msg, msglen, answer, anslen);
}

/* dn_comp (exp_dn, comp_dn, length, dnptrs, lastdnptr) */
SYMCC_SHIM int
__wrap_dn_comp(const char *exp_dn, symcc_u8 *comp_dn, int length,
	       symcc_u8 **dnptrs, symcc_u8 **lastdnptr)
{
	return old_dn_comp(exp_dn, comp_dn, length, dnptrs, lastdnptr);
}

/* dn_expand (msg, eom, comp_dn, exp_dn, length) */
SYMCC_SHIM int
__wrap_dn_expand(const symcc_u8 *msg, const symcc_u8 *eom,
		 const symcc_u8 *comp_dn, char *exp_dn, int length)
{
	return old_dn_expand(msg, eom, comp_dn, exp_dn, length);
}

/* dn_skipname (comp_dn, eom) */
SYMCC_SHIM int
__wrap_dn_skipname(const symcc_u8 *comp_dn, const symcc_u8 *eom)
{
	return old_dn_skipname(comp_dn, eom);
}

/* res_dnok (dn) */
SYMCC_SHIM int
__wrap_res_dnok(const char *dn)
{
	return old_res_dnok(dn);
}

/* res_hnok (dn) */
SYMCC_SHIM int
__wrap_res_hnok(const char *dn)
{
	return old_res_hnok(dn);
}

/* res_mailok (dn) */
SYMCC_SHIM int
__wrap_res_mailok(const char *dn)
{
	return old_res_mailok(dn);
}

/* res_ownok (dn) */
SYMCC_SHIM int
__wrap_res_ownok(const char *dn)
{
	return old_res_ownok(dn);
}
