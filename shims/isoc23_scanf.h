/* isoc23_scanf.h: the C23 scanf engine, a template for char and wchar_t.
 * SPDX-License-Identifier: MIT-0
 *
 * Included by isoc23_scanf.c and isoc23_wscanf.c after they define:
 *   SC_CHAR, SC_UCHAR, SC_INT   format/input character, its unsigned form,
 *                               and the type getc-like functions return
 *   SC_EOF                      end of input (EOF or WEOF)
 *   sc_old_str(s, fmt, ...)     old __isoc99_sscanf / __isoc99_swscanf
 *   sc_old_file(fp, fmt, ...)   old __isoc99_fscanf / __isoc99_fwscanf
 *   sc_old_vstr, sc_old_vfile   their va_list forms
 *   sc_getc(fp), sc_ungetc(c, fp), sc_isspace(c), sc_errno()
 *
 * What C23 (glibc 2.38 __isoc23_*scanf) adds over the old __isoc99_*scanf:
 *   %i accepts a "0b"/"0B" binary prefix, and %b converts binary integers
 *   (unsigned, optional "0b" prefix).  glibc 2.39 also added the wN/wfN
 *   length modifiers, which old glibc rejects.
 *
 * Fast path: a format with no %i, %b or wN goes straight to the old function.
 * Otherwise the format is cut into segments.  Plain segments (directives the
 * old function handles identically) run on the old function with "%n"
 * appended to learn how much input they consumed; %i, %b and %n are done
 * here, reading the same string or stream, so the old function and this
 * engine consume the input in turn exactly as one call would.  Assignment
 * counts add up, and the result is EOF only if input failed before the first
 * assignment, as glibc does.  wN/wfN in plain segments are rewritten to the
 * equivalent hh/h/l/ll modifier.
 *
 * Number parsing follows glibc 2.38: after the prefix "0x" or "0b" without a
 * valid digit the value is 0 and the prefix letter stays consumed (glibc 2.42
 * made that a matching failure); on overflow the value saturates to the
 * long / long long range (chosen as glibc does from the length modifier),
 * errno is ERANGE, and the stored value is truncated to the argument type.
 *
 * Limitations (the old function is used for the whole call instead, so only
 * the C23 additions are lost): positional arguments (%N$), the ' and I flags
 * on %i/%b, and a single directive longer than SC_SEGMAX - 8 characters.  A
 * plain literal run longer than SC_SEGMAX may be cut between two characters;
 * in a stateful or non-UTF-8 multibyte locale such a cut could split a
 * character (formats with hundreds of non-ASCII literal bytes and %i only).
 * On a stream, the engine does not lock the FILE across segments, so another
 * thread reading the same stream concurrently may interleave between them.
 */

#define SC_SEGMAX 1024	/* characters of one plain segment, incl. "%n" */
#define SC_MAXARGS 30	/* pointer arguments of one plain segment */

enum sc_size { SC_HH, SC_H, SC_I, SC_L, SC_LL };

/* one parsed conversion specification */
struct sc_spec {
	const SC_CHAR *start;	/* the '%' */
	const SC_CHAR *mod;	/* start of the length modifier */
	const SC_CHAR *conv_at;	/* the conversion character */
	const SC_CHAR *end;	/* first character after the directive */
	SC_CHAR conv;		/* conversion character, 0 at end of format */
	int suppress;		/* '*' seen */
	int locale_flag;	/* ' or I seen */
	int positional;		/* %N$ form */
	int width;		/* maximum field width, 0 if none */
	int size;		/* enum sc_size of the integer argument */
	int wbits;		/* N of wN/wfN after mapping, -1 invalid, 0 none */
};

/* input: a string or a stream, and how many characters were consumed */
struct sc_in {
	const SC_CHAR *s;	/* current position in string input, or NULL */
	void *fp;		/* stream input when s is NULL */
	long count;		/* characters consumed so far (for %n) */
};

/* the plain segment being collected and its pointer arguments */
struct sc_seg {
	SC_CHAR text[SC_SEGMAX];
	int len;
	void *args[SC_MAXARGS + 1];	/* + the trailing %n target */
	int nargs;
};

/* enum sc_size of an integer type of BYTES bytes, per glibc's z/j/t rules */
static int
sc_size_of(unsigned long bytes)
{
	if (bytes > sizeof(long))
		return SC_LL;
	if (bytes > sizeof(int))
		return SC_L;
	return SC_I;
}

/* reads a decimal number at *P and advances *P */
static int
sc_read_int(const SC_CHAR **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		if (n < 100000000)
			n = n * 10 + (int)(**p - '0');
		(*p)++;
	}
	return n;
}

/* parses the directive at P (pointing at '%') into *SP */
static void
sc_parse(const SC_CHAR *p, struct sc_spec *sp)
{
	int fast = 0, bits;

	sp->start = p++;
	sp->suppress = sp->locale_flag = sp->positional = 0;
	sp->width = 0;
	sp->size = SC_I;
	sp->wbits = 0;
	if (*p >= '0' && *p <= '9') {
		int n = sc_read_int(&p);

		if (*p != '$') {
			sp->width = n;	/* glibc: no flags after the width */
			goto modifier;
		}
		sp->positional = 1;
		p++;
	}
	for (;; p++) {
		if (*p == '*')
			sp->suppress = 1;
		else if (*p == '\'' || *p == 'I')
			sp->locale_flag = 1;
		else
			break;
	}
	if (*p >= '0' && *p <= '9')
		sp->width = sc_read_int(&p);
modifier:
	sp->mod = p;
	switch (*p) {
	case 'h':
		p++;
		if (*p == 'h') {
			p++;
			sp->size = SC_HH;
		} else {
			sp->size = SC_H;
		}
		break;
	case 'l':
		p++;
		if (*p == 'l') {
			p++;
			sp->size = SC_LL;
		} else {
			sp->size = SC_L;
		}
		break;
	case 'q':
	case 'L':
		p++;
		sp->size = SC_LL;
		break;
	case 'm':		/* POSIX allocation flag, optionally "ml" */
		p++;
		if (*p == 'l') {
			p++;
			sp->size = SC_L;
		}
		break;
	case 'z':
		p++;
		sp->size = sc_size_of(sizeof(__SIZE_TYPE__));
		break;
	case 'j':
		p++;
		sp->size = sc_size_of(sizeof(__INTMAX_TYPE__));
		break;
	case 't':
		p++;
		sp->size = sc_size_of(sizeof(__PTRDIFF_TYPE__));
		break;
	case 'w':
		p++;
		if (*p == 'f') {
			fast = 1;
			p++;
		}
		bits = sc_read_int(&p);
		if (fast && bits == 8)
			bits = 8 * (int)sizeof(__INT_FAST8_TYPE__);
		else if (fast && bits == 16)
			bits = 8 * (int)sizeof(__INT_FAST16_TYPE__);
		else if (fast && bits == 32)
			bits = 8 * (int)sizeof(__INT_FAST32_TYPE__);
		else if (fast && bits == 64)
			bits = 8 * (int)sizeof(__INT_FAST64_TYPE__);
		sp->wbits = bits;
		if (bits == 8)
			sp->size = SC_HH;
		else if (bits == 16)
			sp->size = SC_H;
		else if (bits == 32)
			sp->size = SC_I;
		else if (bits == 64)
			sp->size = SC_LL;
		else
			sp->wbits = -1;
		break;
	default:
		break;
	}
	sp->conv_at = p;
	sp->conv = *p;
	if (*p != 0)
		p++;
	if (sp->conv == '[') {
		if (*p == '^')
			p++;
		if (*p == ']')
			p++;
		while (*p != 0 && *p != ']')
			p++;
		if (*p != 0)
			p++;
	}
	sp->end = p;
}

/* 1 if the engine, not the old function, must do this directive */
static int
sc_is_ours(const struct sc_spec *sp)
{
	return sp->conv == 'i' || sp->conv == 'b' || sp->conv == 'n';
}

/* 1 if the directive passes an argument to the old function */
static int
sc_takes_arg(const struct sc_spec *sp)
{
	return !sp->suppress && sp->conv != '%' && sp->conv != 0;
}

/* what the old function cannot do on a format: 0 nothing (use it as is),
 * 1 C23 features the engine handles, -1 C23 features the engine cannot
 * handle either (use the old function anyway) */
static int
sc_classify(const SC_CHAR *fmt)
{
	struct sc_spec sp;
	int need = 0, positional = 0, unsupported = 0;
	const SC_CHAR *p = fmt;

	while (*p != 0) {
		if (*p != '%') {
			p++;
			continue;
		}
		sc_parse(p, &sp);
		if (sp.positional)
			positional = 1;
		if (sp.end - sp.start > SC_SEGMAX - 8)
			unsupported = 1;
		if (sp.conv == 'i' || sp.conv == 'b' || sp.wbits != 0) {
			need = 1;
			if (sp.locale_flag)
				unsupported = 1;
		}
		p = sp.end;
	}
	if (!need)
		return 0;
	return positional || unsupported ? -1 : 1;
}

/* next input character, or SC_EOF */
static SC_INT
sc_get(struct sc_in *in)
{
	SC_INT c;

	if (in->s != 0) {
		if (*in->s == 0)
			return SC_EOF;
		c = (SC_UCHAR)*in->s++;
	} else {
		c = sc_getc(in->fp);
		if (c == SC_EOF)
			return c;
	}
	in->count++;
	return c;
}

/* pushes C back (nothing for SC_EOF) */
static void
sc_unget(struct sc_in *in, SC_INT c)
{
	if (c == SC_EOF)
		return;
	in->count--;
	if (in->s != 0)
		in->s--;
	else
		sc_ungetc(c, in->fp);
}

/* value of digit C in bases up to 16, or 99 */
static int
sc_digit(SC_INT c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return 99;
}

/* the largest magnitude that may still take one more digit in BASE; the
 * constant divisions keep 32-bit targets free of libgcc helper calls */
static unsigned long long
sc_limit(int base)
{
	switch (base) {
	case 2:
		return ~0ULL / 2;
	case 8:
		return ~0ULL / 8;
	case 16:
		return ~0ULL / 16;
	default:
		return ~0ULL / 10;
	}
}

/* stores V through the next argument, as signed type of SIZE */
static void
sc_store_signed(va_list *ap, int size, long long v)
{
	switch (size) {
	case SC_HH:
		*va_arg(*ap, signed char *) = (signed char)v;
		break;
	case SC_H:
		*va_arg(*ap, short *) = (short)v;
		break;
	case SC_I:
		*va_arg(*ap, int *) = (int)v;
		break;
	case SC_L:
		*va_arg(*ap, long *) = (long)v;
		break;
	default:
		*va_arg(*ap, long long *) = v;
		break;
	}
}

/* stores V through the next argument, as unsigned type of SIZE */
static void
sc_store_unsigned(va_list *ap, int size, unsigned long long v)
{
	switch (size) {
	case SC_HH:
		*va_arg(*ap, unsigned char *) = (unsigned char)v;
		break;
	case SC_H:
		*va_arg(*ap, unsigned short *) = (unsigned short)v;
		break;
	case SC_I:
		*va_arg(*ap, unsigned int *) = (unsigned int)v;
		break;
	case SC_L:
		*va_arg(*ap, unsigned long *) = (unsigned long)v;
		break;
	default:
		*va_arg(*ap, unsigned long long *) = v;
		break;
	}
}

/* converts MAG with sign NEG like strtol/strtoll (SIGNED) or strtoul/strtoull
 * would, in the long long range if LL else the long range, and stores it */
static void
sc_store_number(va_list *ap, const struct sc_spec *sp, int is_signed,
		unsigned long long mag, int neg, int ovf)
{
	int ll = sp->size == SC_LL;

	if (is_signed) {
		unsigned long long max = ll ? (unsigned long long)__LONG_LONG_MAX__
					    : (unsigned long long)__LONG_MAX__;
		long long v;

		if (ovf || mag > max + (unsigned long long)neg) {
			ovf = 1;
			v = neg ? -(long long)max - 1 : (long long)max;
		} else if (neg) {
			v = mag == 0 ? 0 : -(long long)(mag - 1) - 1;
		} else {
			v = (long long)mag;
		}
		if (ovf)
			*sc_errno() = SYMCC_ERANGE;
		if (!sp->suppress)
			sc_store_signed(ap, sp->size, v);
	} else {
		unsigned long long max = ll ? ~0ULL : (unsigned long long)~0UL;
		unsigned long long v;

		if (ovf || mag > max) {
			*sc_errno() = SYMCC_ERANGE;
			v = max;
		} else {
			v = neg ? -mag : mag;
			if (!ll)
				v = (unsigned long)v;
		}
		if (!sp->suppress)
			sc_store_unsigned(ap, sp->size, v);
	}
}

/* does one %i or %b: 1 converted, 0 matching failure, -1 input failure */
static int
sc_number(struct sc_in *in, const struct sc_spec *sp, va_list *ap)
{
	int base = sp->conv == 'b' ? 2 : 0;
	int width = sp->width > 0 ? sp->width : -1;
	int neg = 0, digits = 0, ovf = 0, d;
	unsigned long long mag = 0, lim;
	SC_INT c;

	do
		c = sc_get(in);
	while (c != SC_EOF && sc_isspace(c));
	if (c == SC_EOF)
		return -1;
	if (c == '-' || c == '+') {
		neg = c == '-';
		if (width > 0)
			width--;
		c = sc_get(in);
	}
	if (width != 0 && c == '0') {
		if (width > 0)
			width--;
		digits = 1;
		c = sc_get(in);
		if (width != 0 && (c == 'x' || c == 'X') && base == 0) {
			base = 16;
			if (width > 0)
				width--;
			c = sc_get(in);
		} else if (width != 0 && (c == 'b' || c == 'B')) {
			base = 2;	/* %b, or %i with the C23 prefix */
			if (width > 0)
				width--;
			c = sc_get(in);
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	lim = sc_limit(base);
	while (c != SC_EOF && width != 0 && (d = sc_digit(c)) < base) {
		if (mag > lim || (mag == lim
				  && (unsigned)d > ~0ULL - lim * (unsigned)base))
			ovf = 1;
		else
			mag = mag * (unsigned)base + (unsigned)d;
		digits = 1;
		if (width > 0)
			width--;
		c = sc_get(in);
	}
	sc_unget(in, c);
	if (!digits)
		return 0;
	sc_store_number(ap, sp, sp->conv == 'i', mag, neg, ovf);
	return 1;
}

/* does one %n: stores the count of consumed characters */
static void
sc_count(const struct sc_in *in, const struct sc_spec *sp, va_list *ap)
{
	if (!sp->suppress)
		sc_store_signed(ap, sp->size, in->count);
}

/* appends [P, END) to the segment text */
static void
sc_seg_add(struct sc_seg *seg, const SC_CHAR *p, const SC_CHAR *end)
{
	while (p < end)
		seg->text[seg->len++] = *p++;
}

/* appends the C string S to the segment text */
static void
sc_seg_adds(struct sc_seg *seg, const char *s)
{
	while (*s != 0)
		seg->text[seg->len++] = (SC_CHAR)*s++;
}

/* appends directive SP, rewriting a wN/wfN modifier to what old glibc knows */
static void
sc_seg_add_spec(struct sc_seg *seg, const struct sc_spec *sp)
{
	if (sp->wbits <= 0) {
		sc_seg_add(seg, sp->start, sp->end);
		return;
	}
	sc_seg_add(seg, sp->start, sp->mod);
	if (sp->size == SC_HH)
		sc_seg_adds(seg, "hh");
	else if (sp->size == SC_H)
		sc_seg_adds(seg, "h");
	else if (sp->size == SC_LL)
		sc_seg_adds(seg, sizeof(long) == 8 ? "l" : "ll");
	sc_seg_add(seg, sp->conv_at, sp->end);
}

#define SC_A(a) a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], \
	a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], a[19], \
	a[20], a[21], a[22], a[23], a[24], a[25], a[26], a[27], a[28], a[29], \
	a[30]

/* runs the collected plain segment on the old function and empties it;
 * returns 0 if it all matched, else the final result of the whole call */
static int
sc_flush(struct sc_in *in, struct sc_seg *seg, int *done, int *stopped)
{
	int n = -1, r, i;

	if (seg->len == 0)
		return 0;
	sc_seg_adds(seg, "%n");
	seg->text[seg->len] = 0;
	seg->args[seg->nargs] = &n;
	for (i = seg->nargs + 1; i <= SC_MAXARGS; i++)
		seg->args[i] = 0;
	if (in->s != 0)
		r = sc_old_str(in->s, seg->text, SC_A(seg->args));
	else
		r = sc_old_file(in->fp, seg->text, SC_A(seg->args));
	seg->len = 0;
	seg->nargs = 0;
	if (n >= 0) {
		*done += r;
		in->count += n;
		if (in->s != 0)
			in->s += n;
		return 0;
	}
	*stopped = 1;
	if (r == -1)		/* input failure before its first assignment */
		return *done == 0 ? -1 : *done;
	*done += r;
	return *done;
}

/* 1 if a plain segment may be cut before the literal character C */
static int
sc_cut_ok(SC_CHAR c)
{
	/* any wide character; for char: ASCII or a byte starting a UTF-8 one */
	return sizeof(SC_CHAR) > 1 || (SC_UCHAR)c < 0x80 || (SC_UCHAR)c >= 0xc0;
}

/* the slow path: runs FMT on IN, mixing old-function segments and our own
 * %i, %b and %n; returns what the scanf function returns */
static int
sc_run(struct sc_in *in, const SC_CHAR *fmt, va_list ap0)
{
	struct sc_seg seg;
	struct sc_spec sp;
	const SC_CHAR *p = fmt;
	int done = 0, stopped = 0, r;
	va_list ap;

	seg.len = 0;
	seg.nargs = 0;
	va_copy(ap, ap0);
	while (*p != 0) {
		if (*p != '%') {
			if (seg.len >= SC_SEGMAX - 8
			    || (seg.len >= SC_SEGMAX * 3 / 4 && sc_cut_ok(*p))) {
				r = sc_flush(in, &seg, &done, &stopped);
				if (stopped)
					goto out_r;
			}
			seg.text[seg.len++] = *p++;
			continue;
		}
		sc_parse(p, &sp);
		p = sp.end;
		if (sp.conv == 0 || sp.wbits < 0) {
			/* format ends inside a directive, or an invalid wN:
			 * glibc stops there (with EINVAL for the latter) */
			r = sc_flush(in, &seg, &done, &stopped);
			if (!stopped) {
				r = done;
				if (sp.wbits < 0)
					*sc_errno() = SYMCC_EINVAL;
			}
			goto out_r;
		}
		if (sc_is_ours(&sp)) {
			r = sc_flush(in, &seg, &done, &stopped);
			if (stopped)
				goto out_r;
			if (sp.conv == 'n') {
				sc_count(in, &sp, &ap);
				continue;
			}
			r = sc_number(in, &sp, &ap);
			if (r < 0) {
				r = done == 0 ? -1 : done;
				goto out_r;
			}
			if (r == 0) {
				r = done;
				goto out_r;
			}
			if (!sp.suppress)
				done++;
			continue;
		}
		if ((sc_takes_arg(&sp) && seg.nargs == SC_MAXARGS)
		    || seg.len + (sp.end - sp.start) > SC_SEGMAX - 8) {
			r = sc_flush(in, &seg, &done, &stopped);
			if (stopped)
				goto out_r;
		}
		sc_seg_add_spec(&seg, &sp);
		if (sc_takes_arg(&sp))
			seg.args[seg.nargs++] = va_arg(ap, void *);
	}
	r = sc_flush(in, &seg, &done, &stopped);
	if (!stopped)
		r = done;
out_r:
	va_end(ap);
	return r;
}

/* v*sscanf with C23 semantics */
static int
sc_vstr(const SC_CHAR *s, const SC_CHAR *fmt, va_list ap)
{
	struct sc_in in;

	if (s == 0 || fmt == 0 || sc_classify(fmt) <= 0)
		return sc_old_vstr(s, fmt, ap);
	in.s = s;
	in.fp = 0;
	in.count = 0;
	return sc_run(&in, fmt, ap);
}

/* v*fscanf with C23 semantics */
static int
sc_vfile(void *fp, const SC_CHAR *fmt, va_list ap)
{
	struct sc_in in;

	if (fp == 0 || fmt == 0 || sc_classify(fmt) <= 0)
		return sc_old_vfile(fp, fmt, ap);
	in.s = 0;
	in.fp = fp;
	in.count = 0;
	return sc_run(&in, fmt, ap);
}
