"""A small Flask application for krait's demo. Some lines are insecure on
purpose (marked "deliberately insecure") so the scanner has something to
find; do not deploy this."""
import hashlib
import subprocess

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)
# deliberately insecure: a session signing key committed with the code
app.config["SECRET_KEY"] = "q7Vd2LxR9tWz4MnB8kPs"
USERS = {}


@app.route("/")
def index():
    return jsonify(status="ok", users=len(USERS))


@app.route("/register", methods=["POST"])
def register():
    name = request.form["name"]
    password = request.form["password"]
    # deliberately insecure: unsalted MD5 for passwords
    USERS[name] = hashlib.md5(password.encode()).hexdigest()
    return jsonify(created=name), 201


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    # deliberately insecure: user input in a shell command
    out = subprocess.check_output(f"ping -c 1 {host}", shell=True)
    return out.decode(errors="replace")


@app.route("/config", methods=["POST"])
def load_config():
    # deliberately insecure: yaml.load without a safe loader
    config = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify(keys=sorted(config))


if __name__ == "__main__":
    # deliberately insecure: the debugger enabled
    app.run(host="0.0.0.0", debug=True)
