#!/bin/sh
iocage create -n db allow_sysvipc=1
