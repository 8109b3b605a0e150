/* spam.c: an abi3 (limited API) Python extension module. */
#define Py_LIMITED_API 0x03090000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static PyObject *
spam_parse(PyObject *self, PyObject *args)
{
	const char *s;
	if (!PyArg_ParseTuple(args, "s", &s))
		return NULL;
	return PyLong_FromLong(strtol(s, NULL, 0));
}

static PyObject *
spam_isdir(PyObject *self, PyObject *args)
{
	const char *p;
	struct stat st;
	if (!PyArg_ParseTuple(args, "s", &p))
		return NULL;
	return PyBool_FromLong(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
}

static PyMethodDef methods[] = {
	{"parse", spam_parse, METH_VARARGS, "strtol with base 0"},
	{"isdir", spam_isdir, METH_VARARGS, "stat"},
	{NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "spam", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_spam(void)
{
	return PyModule_Create(&module);
}
