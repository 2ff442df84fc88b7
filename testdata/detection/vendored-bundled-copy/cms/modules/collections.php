<?php // module des collections
