run_command(cmd, shell=True)  # fires
utils.execute(cmd, shell=flag)  # fires
