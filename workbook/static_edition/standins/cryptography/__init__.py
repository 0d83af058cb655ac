"""A browser stand-in for the parts of `cryptography` the workbook uses (workbook/answers/crypto.py).

Scrypt and AES-GCM run in JavaScript (the noble libraries, bundled as _bundle.js by
workbook/static_edition/bundle_crypto.py); sealed files are byte for byte those of the real package.
"""
