#!/bin/sh
jail -c name='myjail
