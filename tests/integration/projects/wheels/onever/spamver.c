/* spamver.c: an extension module of the full (version-specific) C API. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <sys/stat.h>

/* parse(s): strtol with base 0, through the non-limited PyUnicode_AsUTF8AndSize */
static PyObject *
spamver_parse(PyObject *self, PyObject *arg)
{
	Py_ssize_t n;
	const char *s = PyUnicode_AsUTF8AndSize(arg, &n);

	if (s == NULL)
		return NULL;
	return PyLong_FromLong(strtol(s, NULL, 0));
}

/* isdir(path): stat, with the tuple filled by the non-limited PyTuple_SET_ITEM */
static PyObject *
spamver_isdir(PyObject *self, PyObject *arg)
{
	const char *p = PyUnicode_AsUTF8(arg);
	struct stat st;
	PyObject *t;

	if (p == NULL || (t = PyTuple_New(2)) == NULL)
		return NULL;
	PyTuple_SET_ITEM(t, 0, Py_NewRef(arg));
	PyTuple_SET_ITEM(t, 1, PyBool_FromLong(stat(p, &st) == 0 && S_ISDIR(st.st_mode)));
	return t;
}

static PyMethodDef methods[] = {
	{"parse", spamver_parse, METH_O, "strtol with base 0"},
	{"isdir", spamver_isdir, METH_O, "(path, stat says it is a directory)"},
	{NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "spamver", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_spamver(void)
{
	return PyModule_Create(&module);
}
