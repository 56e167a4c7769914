"""An in-tree PEP 517 build backend: builds mcp-echo-py's wheel with the standard library alone (no index needed)."""
import base64
import hashlib
import os
import zipfile

NAME, VERSION = "mcp_echo_py", "1.0.0"
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
FILES = {
    f"{DIST_INFO}/METADATA": "Metadata-Version: 2.1\nName: mcp-echo-py\nVersion: 1.0.0\n",
    f"{DIST_INFO}/WHEEL": "Wheel-Version: 1.0\nGenerator: echo_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    f"{DIST_INFO}/entry_points.txt": "[console_scripts]\nmcp-echo-py = mcp_echo:main\n",
}


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    here = os.path.dirname(os.path.abspath(__file__))
    wheel = f"{NAME}-{VERSION}-py3-none-any.whl"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w") as archive:
        with open(os.path.join(here, "mcp_echo", "__init__.py"), "rb") as source:
            data = source.read()
        archive.writestr("mcp_echo/__init__.py", data)
        records.append(_record_line("mcp_echo/__init__.py", data))
        for path, text in FILES.items():
            archive.writestr(path, text)
            records.append(_record_line(path, text.encode()))
        records.append(f"{DIST_INFO}/RECORD,,")
        archive.writestr(f"{DIST_INFO}/RECORD", "\n".join(records) + "\n")
    return wheel


def get_requires_for_build_wheel(config_settings=None):
    return []
