// spamxx.cc: a C++ extension module (abi3): std::string, exceptions.
#define Py_LIMITED_API 0x03090000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdexcept>
#include <string>

static PyObject *
reverse(PyObject *, PyObject *args)
{
	const char *s;

	if (!PyArg_ParseTuple(args, "s", &s))
		return NULL;
	try {
		std::string t(s);
		if (t.empty())
			throw std::invalid_argument("empty");
		return PyUnicode_FromString(std::string(t.rbegin(), t.rend()).c_str());
	} catch (const std::exception &e) {
		PyErr_SetString(PyExc_ValueError, e.what());
		return NULL;
	}
}

static PyMethodDef methods[] = {
	{"reverse", reverse, METH_VARARGS, "the string reversed; ValueError if empty"},
	{NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "spamxx", NULL, -1, methods};

PyMODINIT_FUNC
PyInit_spamxx(void)
{
	return PyModule_Create(&module);
}
